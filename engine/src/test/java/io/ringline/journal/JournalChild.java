package io.ringline.journal;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The child processes of the journal's cross-process tests. A message is {@code writer (int), sequence (long)} and a
 * length from 12 to 3000 bytes chosen by the sequence (so some are fragmented), the rest a pattern the reader checks.
 */
final class JournalChild
{
    private JournalChild()
    {
    }

    static int length(final long sequence)
    {
        return sequence % 97 == 0 ? 3000 : 12 + (int)(sequence * 7919 % 300);
    }

    static void fill(final UnsafeBuffer buffer, final int writer, final long sequence, final int length)
    {
        buffer.putInt(0, writer);
        buffer.putLong(4, sequence);
        for (int i = 12; i < length; i++)
        {
            buffer.putByte(i, (byte)(sequence + i));
        }
    }

    /**
     * Checks messages per writer: each writer's sequences contiguous from the first one seen (no loss, duplicate or
     * reorder), payload intact. Optionally prints each message as {@code m WRITER SEQUENCE}.
     */
    static final class Checker
    {
        final long[] next;
        final boolean print;
        long received;

        Checker(final int writers, final boolean print)
        {
            next = new long[writers];
            java.util.Arrays.fill(next, -1);
            this.print = print;
        }

        void onMessage(final org.agrona.DirectBuffer buffer, final int offset, final int length)
        {
            final int writer = buffer.getInt(offset);
            final long sequence = buffer.getLong(offset + 4);
            if (length != length(sequence))
            {
                fail("writer " + writer + " sequence " + sequence + " length " + length);
            }
            for (int i = 12; i < length; i++)
            {
                if (buffer.getByte(offset + i) != (byte)(sequence + i))
                {
                    fail("writer " + writer + " sequence " + sequence + " byte " + i);
                }
            }
            if (next[writer] >= 0 && sequence != next[writer])
            {
                fail("writer " + writer + " expected sequence " + next[writer] + " got " + sequence);
            }
            next[writer] = sequence + 1;
            received++;
            if (print)
            {
                System.out.println("m " + writer + " " + sequence);
            }
        }

        boolean complete(final long perWriter)
        {
            for (final long n : next)
            {
                if (n != perWriter)
                {
                    return false;
                }
            }
            return true;
        }

        private static void fail(final String what)
        {
            System.out.println("FAIL " + what);
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    /**
     * Args: URI, writer id, count, and optionally a file: offers count messages, printing "half" midway (and then, with
     * a file, waiting until it exists) and "done" at the end.
     */
    static final class WriterMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            write(args, false);
        }

        static void write(final String[] args, final boolean announce) throws InterruptedException
        {
            final int writer = Integer.parseInt(args[1]);
            final long count = Long.parseLong(args[2]);
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
            try (Ringline ringline = Ringline.connect();
                Publisher publisher = ringline.addPublisher(args[0]))
            {
                for (long sequence = 0; sequence < count; sequence++)
                {
                    final int length = length(sequence);
                    fill(buffer, writer, sequence, length);
                    if (announce)
                    {
                        System.out.println("offering " + sequence);
                    }
                    long result;
                    while ((result = publisher.offer(buffer, 0, length, 1)) < 0)
                    {
                        if (result == Publisher.STORAGE_FULL || result == Publisher.CLOSED)
                        {
                            System.out.println("FAIL offer " + result);
                            System.exit(2);
                        }
                        Thread.onSpinWait();
                    }
                    if (sequence == count / 2)
                    {
                        System.out.println("half");
                        while (args.length > 3 && !java.nio.file.Files.exists(java.nio.file.Path.of(args[3])))
                        {
                            Thread.sleep(1);
                        }
                    }
                }
                System.out.println("done");
            }
        }
    }

    /**
     * Args: URI, writers, messages per writer, print (true/false), poll limit. Reads until every writer's last
     * message arrived, checking as {@link Checker} does; prints "ok N" and exits 0.
     */
    static final class ReaderMain
    {
        public static void main(final String[] args)
        {
            final int writers = Integer.parseInt(args[1]);
            final long perWriter = Long.parseLong(args[2]);
            final Checker checker = new Checker(writers, Boolean.parseBoolean(args[3]));
            final int limit = Integer.parseInt(args[4]);
            try (Ringline ringline = Ringline.connect();
                Subscriber subscriber = ringline.addSubscriber(args[0]))
            {
                System.out.println("joined " + subscriber.position());
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!checker.complete(perWriter))
                {
                    subscriber.receive((buffer, offset, length, header) -> checker.onMessage(buffer, offset, length),
                        limit, TimeUnit.MILLISECONDS.toNanos(100));
                    if (System.nanoTime() > deadline)
                    {
                        System.out.println("FAIL timeout after " + checker.received + " messages");
                        System.exit(2);
                    }
                }
                System.out.println("ok " + checker.received);
            }
        }
    }

    /** Args: URI. Offers 100 messages, claims one more, prints "claimed" and waits to be killed. */
    static final class ClaimAndHangMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
            final Ringline ringline = Ringline.connect();
            final Publisher publisher = ringline.addPublisher(args[0]);
            for (long sequence = 0; sequence < 100; sequence++)
            {
                fill(buffer, 0, sequence, length(sequence));
                while (publisher.offer(buffer, 0, length(sequence), 1) < 0)
                {
                    Thread.onSpinWait();
                }
            }
            final BufferClaim claim = new BufferClaim();
            while (publisher.tryClaim(64, 1, claim) < 0)
            {
                Thread.onSpinWait();
            }
            System.out.println("claimed");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * Args: URI, writer id, count. {@link WriterMain} printing {@code offering SEQUENCE} before each offer, so that a
     * writer stopped inside an offer ({@link RollStopHook}) has said which message it did not commit.
     */
    static final class AnnouncingWriterMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            WriterMain.write(args, true);
        }
    }
}
