package io.ringline.transport.mq;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Child process of the queue tests: {@code publish CHANNEL TYPE VALUE} sends one 8-byte message and prints
 * {@code SENT}; {@code receive CHANNEL} waits up to 10 s for one and prints {@code RECEIVED type value}. When the
 * channel cannot be opened it prints {@code REFUSED message}. Used by both queue transports' tests.
 */
public final class QueueChild
{
    private QueueChild()
    {
    }

    /**
     * @param args {@code publish CHANNEL TYPE VALUE} or {@code receive CHANNEL}.
     */
    public static void main(final String[] args)
    {
        try (Ringline ringline = Ringline.connect())
        {
            if ("publish".equals(args[0]))
            {
                try (Publisher publisher = ringline.addPublisher(args[1]))
                {
                    final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
                    buffer.putLong(0, Long.parseLong(args[3]));
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    long result;
                    while ((result = publisher.offer(buffer, 0, 8, Integer.parseInt(args[2]))) < 0 &&
                        System.nanoTime() < deadline)
                    {
                        Thread.yield();
                    }
                    System.out.println(result >= 0 ? "SENT" : "NOT SENT " + Publisher.resultName(result));
                }
            }
            else
            {
                try (Subscriber subscriber = ringline.addSubscriber(args[1]))
                {
                    final int received = subscriber.receive((buffer, offset, length, header) ->
                        System.out.println("RECEIVED " + header.type() + " " + buffer.getLong(offset)),
                        1, TimeUnit.SECONDS.toNanos(10));
                    if (received == 0)
                    {
                        System.out.println("NOTHING");
                    }
                }
            }
        }
        catch (final RuntimeException ex)
        {
            System.out.println("REFUSED " + ex.getMessage());
        }
    }
}
