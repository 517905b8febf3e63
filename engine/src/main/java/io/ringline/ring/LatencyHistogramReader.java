package io.ringline.ring;

import io.ringline.os.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.locks.LockSupport;

import static io.ringline.ring.LatencyHistogramDescriptor.*;

/**
 * The readers' side of a subscriber's latency histogram ({@link LatencyHistogramDescriptor}): swaps the halves,
 * drains the one the subscriber left into the totals and into the caller's interval, and zeroes it. Readers in any
 * process take turns through the reader lock (a compare-and-set of their pid; a dead holder's lock is taken over).
 * Not for the hot path: it waits, bounded, for the subscriber to acknowledge a swap.
 */
public final class LatencyHistogramReader
{
    private static final long PAUSE_NS = 100_000;

    private final AtomicBuffer buffer;
    private final int offset;
    private long intervalMax;
    private long totalMax;

    /**
     * @param buffer the channel's whole region.
     * @param offset the subscriber's histogram in it
     *               ({@link LatencyHistogramDescriptor#histogramOffset(long, int)}).
     */
    public LatencyHistogramReader(final AtomicBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
    }

    /**
     * Ends the interval: swaps the halves and moves every count recorded since the last drain (by any reader) into
     * {@code interval} and into the shared totals, then copies the totals into {@code totals}.
     *
     * @param interval  receives the interval's counts ({@link LatencyHistogramDescriptor#COUNTS_LENGTH}), zeroed first.
     * @param totals    receives the counts since the subscriber started.
     * @param timeoutNs how long to wait for the reader lock and for the subscriber's acknowledgement.
     * @return true when the swap completed; false when the subscriber did not poll in time (its latest counts stay
     *     for the next drain) or another reader held the lock.
     */
    public boolean drain(final long[] interval, final long[] totals, final long timeoutNs)
    {
        java.util.Arrays.fill(interval, 0);
        intervalMax = 0;
        final long deadlineNs = System.nanoTime() + timeoutNs;
        final long pid = ProcessIdentity.selfPid();
        if (!LatencyHistogramLock.lock(buffer, offset, pid, deadlineNs))
        {
            copyTotals(totals);
            return false;
        }
        try
        {
            boolean swapped = false;
            int active = activeHalf();
            if (awaitAcknowledged(active, deadlineNs))
            {
                moveHalf(1 - active, interval);
                active = 1 - active;
                buffer.putLongRelease(offset + ACTIVE_HALF_OFFSET, active);
                if (awaitAcknowledged(active, deadlineNs))
                {
                    moveHalf(1 - active, interval);
                    swapped = true;
                }
            }
            buffer.putLongRelease(offset + LAST_DRAIN_OFFSET, System.nanoTime());
            copyTotals(totals);
            return swapped;
        }
        finally
        {
            LatencyHistogramLock.unlock(buffer, offset, pid);
        }
    }

    /**
     * @return the largest value of the last drained interval, ns.
     */
    public long intervalMax()
    {
        return intervalMax;
    }

    /**
     * @return the largest value since the subscriber started, ns, as of the last drain.
     */
    public long totalMax()
    {
        return totalMax;
    }

    /**
     * @return when the subscriber started, ns (CLOCK_MONOTONIC).
     */
    public long startTimeNs()
    {
        return buffer.getLongVolatile(offset + START_TIME_OFFSET);
    }

    /**
     * @return when a reader last drained this histogram, ns (CLOCK_MONOTONIC), or 0 if none has.
     */
    public long lastDrainNs()
    {
        return buffer.getLongVolatile(offset + LAST_DRAIN_OFFSET);
    }

    private int activeHalf()
    {
        return (int)buffer.getLongVolatile(offset + ACTIVE_HALF_OFFSET) & 1;
    }

    private boolean awaitAcknowledged(final int half, final long deadlineNs)
    {
        while (buffer.getLongAcquire(offset + ACKNOWLEDGED_HALF_OFFSET) != half)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            LockSupport.parkNanos(PAUSE_NS);
        }
        return true;
    }

    /**
     * Adds a quiescent half to the interval and the totals, then zeroes it for the subscriber's next turn.
     */
    private void moveHalf(final int half, final long[] interval)
    {
        final int block = offset + halfOffset(half);
        final int totalsBlock = offset + TOTALS_OFFSET;
        for (int i = 0; i < COUNTS_LENGTH; i++)
        {
            final int at = COUNTS_OFFSET + (i << 3);
            final long count = buffer.getLong(block + at);
            if (0 != count)
            {
                interval[i] += count;
                buffer.putLong(totalsBlock + at, buffer.getLong(totalsBlock + at) + count);
                buffer.putLong(block + at, 0);
            }
        }
        final long max = buffer.getLong(block + MAX_VALUE_OFFSET);
        buffer.putLong(block + MAX_VALUE_OFFSET, 0);
        intervalMax = Math.max(intervalMax, max);
        if (max > buffer.getLong(totalsBlock + MAX_VALUE_OFFSET))
        {
            buffer.putLong(totalsBlock + MAX_VALUE_OFFSET, max);
        }
    }

    private void copyTotals(final long[] totals)
    {
        final int totalsBlock = offset + TOTALS_OFFSET;
        for (int i = 0; i < COUNTS_LENGTH; i++)
        {
            totals[i] = buffer.getLong(totalsBlock + COUNTS_OFFSET + (i << 3));
        }
        totalMax = buffer.getLong(totalsBlock + MAX_VALUE_OFFSET);
    }
}
