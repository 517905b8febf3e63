package io.ringline.examples.trading;

import io.ringline.Publisher;
import io.ringline.Ringline;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The market-data feed: publishes synthetic ticks at a fixed rate, each stamped with the time it was due, then an
 * end tick ({@link FixedRateTicks}). Arguments: {@code NAME TICKS_PER_S SECONDS WAIT} (the channel's wait mode:
 * publishers wake sleeping subscribers when it is {@code futex}; the feed's own pacing sleeps then spins in every mode).
 */
public final class MarketDataFeed
{
    private MarketDataFeed()
    {
    }

    /**
     * @param args name, rate, seconds.
     * @throws InterruptedException if interrupted while waiting for the strategy.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final FixedRateTicks ticks = new FixedRateTicks(Long.parseLong(args[1]), Long.parseLong(args[2]));
        try (Ringline ringline = Ringline.connect();
            Publisher publisher = ringline.addExclusivePublisher(Channels.ticks(args[0], args[3])))
        {
            while (!publisher.isConnected())
            {
                Thread.sleep(1); // the strategy subscribes first
            }
            final UnsafeBuffer tick = new UnsafeBuffer(ByteBuffer.allocateDirect(Tick.LENGTH));
            while (ticks.next(tick)) // each tick when it is due, then the end tick
            {
                offer(publisher, tick);
            }
        }
    }

    private static void offer(final Publisher publisher, final UnsafeBuffer tick)
    {
        long result;
        while ((result = publisher.offer(tick, 0, Tick.LENGTH)) < 0)
        {
            if (result == Publisher.CLOSED)
            {
                throw new IllegalStateException("tick channel closed");
            }
            Thread.yield(); // back-pressured: a late tick is measured late, never dropped
        }
    }
}
