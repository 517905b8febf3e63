package io.ringline.ring;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Sequenced test traffic and the child-process mains that send and check it. A message is
 * {@code [publisher id: int][sequence: long][filler derived from both]}, of a size derived from the sequence:
 * mostly small, every 1000th longer than the channel's max-msg so that it is fragmented.
 */
final class Traffic
{
    static final String CHANNEL_PARAMS = "capacity=256k&max-msg=1024&max-fragmented=8192";
    static final int TYPE = 11;

    private Traffic()
    {
    }

    static int sizeOf(final long sequence)
    {
        return sequence % 1000 == 999 ? 5000 : 12 + (int)((sequence * 7919) % 500);
    }

    static byte filler(final int publisher, final long sequence, final int index)
    {
        return (byte)(sequence * 31 + index + publisher);
    }

    static void publish(final Publisher publisher, final int publisherId, final long count)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8192));
        for (long sequence = 0; sequence < count; sequence++)
        {
            final int size = sizeOf(sequence);
            buffer.putInt(0, publisherId);
            buffer.putLong(4, sequence);
            for (int i = 12; i < size; i++)
            {
                buffer.putByte(i, filler(publisherId, sequence, i));
            }
            long result;
            while ((result = publisher.offer(buffer, 0, size, TYPE)) < 0)
            {
                if (result == Publisher.CLOSED)
                {
                    throw new IllegalStateException("publisher closed at sequence " + sequence);
                }
                Thread.yield();
            }
        }
    }

    /**
     * Checks per-publisher sequences: none lost, none duplicated, order kept, payload intact.
     */
    static final class Checker implements MessageHandler
    {
        final long[] next;
        long received;
        String failure;

        Checker(final int publishers)
        {
            next = new long[publishers];
        }

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            if (null != failure)
            {
                return;
            }
            final int publisher = buffer.getInt(offset);
            final long sequence = buffer.getLong(offset + 4);
            if (publisher < 0 || publisher >= next.length)
            {
                failure = "unknown publisher " + publisher;
                return;
            }
            if (sequence != next[publisher])
            {
                failure = "publisher " + publisher + " expected sequence " + next[publisher] + " got " + sequence;
                return;
            }
            if (length != sizeOf(sequence) || header.type() != TYPE)
            {
                failure = "publisher " + publisher + " sequence " + sequence + " length " + length + " type " +
                    header.type();
                return;
            }
            for (int i = 12; i < length; i++)
            {
                if (buffer.getByte(offset + i) != filler(publisher, sequence, i))
                {
                    failure = "publisher " + publisher + " sequence " + sequence + " corrupt at byte " + i;
                    return;
                }
            }
            next[publisher]++;
            received++;
        }

        boolean complete(final long perPublisher)
        {
            for (final long n : next)
            {
                if (n < perPublisher)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /** Child: {@code channel publisherId count}; publishes once a subscriber is there, prints DONE. */
    public static final class PublishMain
    {
        public static void main(final String[] args)
        {
            try (Ringline ringline = Ringline.connect();
                Publisher publisher = ringline.addPublisher(args[0]))
            {
                System.out.println("READY");
                publish(publisher, Integer.parseInt(args[1]), Long.parseLong(args[2]));
                System.out.println("DONE");
            }
        }
    }

    /** Child: {@code channel publishers perPublisher}; prints READY once subscribed, then OK or FAIL. */
    public static final class SubscribeMain
    {
        public static void main(final String[] args)
        {
            final int publishers = Integer.parseInt(args[1]);
            final long perPublisher = Long.parseLong(args[2]);
            final Checker checker = new Checker(publishers);
            try (Ringline ringline = Ringline.connect();
                Subscriber subscriber = ringline.addSubscriber(args[0]))
            {
                System.out.println("READY");
                while (null == checker.failure && !checker.complete(perPublisher))
                {
                    if (subscriber.poll(checker, 256) == 0)
                    {
                        Thread.yield();
                    }
                }
            }
            System.out.println(null == checker.failure ? "OK " + checker.received : "FAIL " + checker.failure);
            System.exit(null == checker.failure ? 0 : 1);
        }
    }

    /** Child: {@code channel}; subscribes, prints READY, and never reads. */
    public static final class IdleSubscribeMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            try (Ringline ringline = Ringline.connect();
                Subscriber ignored = ringline.addSubscriber(args[0]))
            {
                System.out.println("READY");
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
