package io.ringline.tools;

import io.ringline.Ringline;
import io.ringline.Subscriber;

/**
 * A process that keeps conductor statistics ({@code ringline.conductor.stats=true}, set by the test) for
 * {@link ConductorMetricsCleanTest}: {@code CHANNEL} subscribes, prints {@code ready} and polls until killed, or for
 * two minutes at most.
 */
public final class ConductorStatsChild
{
    private ConductorStatsChild()
    {
    }

    /**
     * @param args the channel.
     * @throws InterruptedException never expected.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(args[0]))
        {
            System.out.println("ready");
            final long endNs = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() - endNs < 0)
            {
                subscriber.poll((buffer, offset, length, header) -> { }, 16);
                Thread.sleep(1);
            }
        }
    }
}
