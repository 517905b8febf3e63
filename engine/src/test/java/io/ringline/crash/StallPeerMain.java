package io.ringline.crash;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A peer process of {@link MachineStallTest}: {@code StallPeerMain subscriber CHANNEL} or
 * {@code StallPeerMain publisher CHANNEL TRIGGER-FILE}, heartbeats and liveness timeout from the system properties
 * its parent sets.
 *
 * <p>The subscriber prints {@code READY}, polls (sleeping 1 ms when idle) until it receives a message, then prints
 * {@code RECEIVED} and exits 0; if it learns it was evicted it prints {@code EVICTED <message>} and exits 3. The
 * publisher prints {@code READY}, waits for the trigger file, offers one message until it is taken, prints
 * {@code SENT} and exits 0; if its own slot was evicted ({@code CLOSED}) it prints {@code EVICTED} and exits 3, and if
 * the message is not taken within 10 s it prints the last result and exits 4.
 */
public final class StallPeerMain
{
    private StallPeerMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context()))
        {
            if ("subscriber".equals(args[0]))
            {
                System.exit(subscribe(ringline, args[1]));
            }
            System.exit(publish(ringline, args[1], Path.of(args[2])));
        }
    }

    private static int subscribe(final Ringline ringline, final String channel) throws InterruptedException
    {
        try (Subscriber subscriber = ringline.addSubscriber(channel))
        {
            System.out.println("READY");
            while (true)
            {
                try
                {
                    if (subscriber.poll((buffer, offset, length, header) -> { }, 1) > 0)
                    {
                        System.out.println("RECEIVED");
                        return 0;
                    }
                }
                catch (final IllegalStateException ex)
                {
                    System.out.println("EVICTED " + ex.getMessage());
                    return 3;
                }
                Thread.sleep(1);
            }
        }
    }

    private static int publish(final Ringline ringline, final String channel, final Path trigger)
        throws InterruptedException
    {
        try (Publisher publisher = ringline.addExclusivePublisher(channel))
        {
            System.out.println("READY");
            while (!Files.exists(trigger))
            {
                Thread.sleep(1);
            }
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long result;
            while ((result = publisher.offer(message, 0, 8)) < 0)
            {
                if (result == Publisher.CLOSED)
                {
                    System.out.println("EVICTED");
                    return 3;
                }
                if (System.nanoTime() - deadlineNs > 0)
                {
                    System.out.println("NOT TAKEN result=" + result);
                    return 4;
                }
                Thread.sleep(1);
            }
            System.out.println("SENT");
            return 0;
        }
    }
}
