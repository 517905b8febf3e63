package io.ringline.examples.trading;

import io.ringline.Publisher;
import io.ringline.Ringline;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The market-data feed: publishes synthetic ticks at a fixed rate, each stamped with the time it was due, then an
 * end tick. Arguments: {@code NAME TICKS_PER_S SECONDS WAIT} (the channel's wait mode: publishers wake sleeping
 * subscribers when it is {@code futex}; the feed's own pacing yields in every mode).
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
        final String name = args[0];
        final long rate = Long.parseLong(args[1]);
        final long ticks = rate * Long.parseLong(args[2]);
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / rate;
        try (Ringline ringline = Ringline.connect();
            Publisher publisher = ringline.addExclusivePublisher(Channels.ticks(name, args[3])))
        {
            while (!publisher.isConnected())
            {
                Thread.sleep(1); // the strategy subscribes first
            }
            final UnsafeBuffer tick = new UnsafeBuffer(ByteBuffer.allocateDirect(Tick.LENGTH));
            long price = 10_000;
            final long startNs = System.nanoTime();
            for (long sequence = 0; sequence < ticks; sequence++)
            {
                final long intendedNs = startNs + sequence * intervalNs;
                while (System.nanoTime() < intendedNs)
                {
                    Thread.yield(); // the fixed rate: a tick is due at intendedNs, never earlier (on a CPU of its own: spin)
                }
                price += (sequence * 7919 % 5) - 2; // a deterministic random walk
                tick.putLong(Tick.SEQUENCE_OFFSET, sequence);
                tick.putLong(Tick.INTENDED_NS_OFFSET, intendedNs);
                tick.putLong(Tick.PRICE_OFFSET, price);
                offer(publisher, tick);
            }
            tick.putLong(Tick.SEQUENCE_OFFSET, Tick.END);
            offer(publisher, tick);
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
