package io.ringline.perf.trading;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ringline.examples.trading.FixedRateTicks;
import io.ringline.examples.trading.MarketDataFeed;
import io.ringline.examples.trading.Tick;
import io.ringline.perf.AeronIpc;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * {@link MarketDataFeed} on Aeron IPC: the same ticks at the same fixed rate ({@link FixedRateTicks}), offered on an
 * exclusive publication. Arguments: {@code AERON_DIR TICKS_PER_S SECONDS WAIT} (the wait mode is the subscriber's
 * business; the feed's pacing yields, as the example's does).
 */
public final class AeronMarketDataFeed
{
    private AeronMarketDataFeed()
    {
    }

    /**
     * @param args the Aeron directory, rate, seconds, wait mode.
     * @throws InterruptedException if interrupted while waiting for the strategy.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final FixedRateTicks ticks = new FixedRateTicks(Long.parseLong(args[1]), Long.parseLong(args[2]));
        try (Aeron aeron = AeronIpc.connect(Path.of(args[0]));
            ExclusivePublication publication =
                aeron.addExclusivePublication(AeronIpc.CHANNEL, AeronTrading.TICK_STREAM_ID))
        {
            while (!publication.isConnected())
            {
                Thread.sleep(1); // the strategy subscribes first
            }
            final UnsafeBuffer tick = AeronIpc.messageBuffer(Tick.LENGTH);
            while (ticks.next(tick))
            {
                while (!AeronIpc.offer(publication, tick, 0, Tick.LENGTH))
                {
                    Thread.yield(); // back-pressured: a late tick is measured late, never dropped
                }
            }
        }
    }
}
