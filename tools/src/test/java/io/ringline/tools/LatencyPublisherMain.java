package io.ringline.tools;

import io.ringline.Publisher;
import io.ringline.Ringline;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for {@link LatencyStatTest}: publishes with injected latencies. The subscriber's clock (in the test)
 * stands still at the time given as the third argument; this one reads that time minus the latency wanted while the
 * publisher stamps a record (the context's clock) and the real time otherwise (heartbeats), so that each measured
 * latency is exactly the injected one, whatever the scheduling of a busy machine adds.
 * Phase 1: 1000 messages, 500 at 20 ms, 400 at 200 ms, 90 at 1 s, 10 at 3 s. Then, once the file named by the
 * second argument exists, phase 2: 1000 messages at 50 ms. Prints a line after each phase.
 */
public final class LatencyPublisherMain
{
    static final long[] PHASE_1_NS = { 20_000_000L, 200_000_000L, 1_000_000_000L, 3_000_000_000L };
    static final int[] PHASE_1_COUNTS = { 500, 400, 90, 10 };
    static final long PHASE_2_NS = 50_000_000L;

    private static volatile long stampNs;

    private LatencyPublisherMain()
    {
    }

    /**
     * @param args the channel, the file whose creation starts phase 2, and the subscriber's fixed time (ns).
     * @throws Exception on any failure, which fails the test.
     */
    public static void main(final String[] args) throws Exception
    {
        final long subscriberNowNs = Long.parseLong(args[2]);
        final Ringline.Context context = new Ringline.Context().nanoClock(
            () -> 0 != stampNs ? stampNs : System.nanoTime());
        try (Ringline ringline = Ringline.connect(context);
            Publisher publisher = ringline.addExclusivePublisher(args[0]))
        {
            for (int i = 0; i < PHASE_1_NS.length; i++)
            {
                publish(publisher, subscriberNowNs - PHASE_1_NS[i], PHASE_1_COUNTS[i]);
            }
            System.out.println("phase 1 published");
            final Path go = Path.of(args[1]);
            while (!Files.exists(go))
            {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            publish(publisher, subscriberNowNs - PHASE_2_NS, 1000);
            System.out.println("phase 2 published");
        }
    }

    private static void publish(final Publisher publisher, final long timestampNs, final int count)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);
        for (int i = 0; i < count; i++)
        {
            message.putInt(0, i);
            stampNs = timestampNs;
            long result;
            while ((result = publisher.offer(message, 0, message.capacity())) < 0)
            {
                stampNs = 0;
                if (result == Publisher.CLOSED)
                {
                    throw new IllegalStateException("publisher closed");
                }
                Thread.onSpinWait();
                stampNs = timestampNs;
            }
            stampNs = 0; // heartbeats run on the same clock: the injected time only while stamping
        }
    }
}
