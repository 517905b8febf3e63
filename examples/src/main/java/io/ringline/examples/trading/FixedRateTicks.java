package io.ringline.examples.trading;

import org.agrona.MutableDirectBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The feed's ticks at a fixed rate: each written when it is due (never earlier), stamped with that due time, its price
 * a deterministic random walk; after the last, the end tick. Whatever carries them, a tick sent late is measured late.
 * Between ticks the feed sleeps, and spins the last {@link #SPIN_BEFORE_DUE_NS} before each: a sleep alone wakes some
 * 50 us late (the kernel's timer slack), and yielding to a process that spins on the same CPU can hand it the CPU for a
 * whole time slice (milliseconds); sleeping leaves the CPU to the others, which a gateway sharing it needs.
 */
public final class FixedRateTicks
{
    /** How long before a tick is due the feed stops sleeping and spins. */
    public static final long SPIN_BEFORE_DUE_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private final long count;
    private final long intervalNs;
    private long startNs;
    private long sequence;
    private long price = 10_000;

    /**
     * @param ticksPerSecond the rate.
     * @param seconds        how long the feed runs.
     */
    public FixedRateTicks(final long ticksPerSecond, final long seconds)
    {
        this.count = ticksPerSecond * seconds;
        this.intervalNs = TimeUnit.SECONDS.toNanos(1) / ticksPerSecond;
    }

    /**
     * Waits until the next tick is due, sleeping then spinning, and writes it.
     *
     * @param tick where the tick is written, {@link Tick#LENGTH} bytes from 0.
     * @return true if a tick was written (the end tick is the last), false once the end tick has been.
     */
    public boolean next(final MutableDirectBuffer tick)
    {
        if (sequence > count)
        {
            return false;
        }
        if (sequence == count)
        {
            sequence++;
            tick.putLong(Tick.SEQUENCE_OFFSET, Tick.END);
            return true;
        }
        if (sequence == 0)
        {
            startNs = System.nanoTime(); // the first tick is due now
        }
        final long intendedNs = startNs + sequence * intervalNs;
        long waitNs;
        while ((waitNs = intendedNs - System.nanoTime()) > 0)
        {
            if (waitNs > SPIN_BEFORE_DUE_NS)
            {
                LockSupport.parkNanos(waitNs - SPIN_BEFORE_DUE_NS);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        price += (sequence * 7919 % 5) - 2;
        tick.putLong(Tick.SEQUENCE_OFFSET, sequence);
        tick.putLong(Tick.INTENDED_NS_OFFSET, intendedNs);
        tick.putLong(Tick.PRICE_OFFSET, price);
        sequence++;
        return true;
    }
}
