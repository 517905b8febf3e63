package io.ringline.ring;

import org.agrona.concurrent.AtomicBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

import static io.ringline.ring.LatencyHistogramDescriptor.READER_LOCK_OFFSET;

/**
 * The lock word of a latency histogram ({@link LatencyHistogramDescriptor#READER_LOCK_OFFSET}): the pid of the
 * process holding it, 0 when free, taken by compare-and-set and taken over from a pid with no {@code /proc/PID}.
 * Readers hold it while they drain; a new subscriber in the slot holds it while it resets the histogram, so a reset
 * never interleaves with a drain. Neither is on the hot path: the subscriber's polls never touch it.
 */
final class LatencyHistogramLock
{
    private static final long PAUSE_NS = 100_000;

    private LatencyHistogramLock()
    {
    }

    /**
     * Takes the lock, waiting while a live process holds it.
     *
     * @param buffer     the region.
     * @param offset     the histogram in it.
     * @param pid        this process's pid.
     * @param deadlineNs give up at this {@link System#nanoTime()}; {@link Long#MAX_VALUE} to wait until the holder
     *                   releases it or dies.
     * @return true when taken.
     */
    static boolean lock(final AtomicBuffer buffer, final int offset, final long pid, final long deadlineNs)
    {
        final int lockOffset = offset + READER_LOCK_OFFSET;
        while (!buffer.compareAndSetLong(lockOffset, 0, pid))
        {
            final long holder = buffer.getLongVolatile(lockOffset);
            if (0 != holder && !Files.exists(Path.of("/proc/" + holder)) &&
                buffer.compareAndSetLong(lockOffset, holder, pid))
            {
                return true;
            }
            if (Long.MAX_VALUE != deadlineNs && System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            LockSupport.parkNanos(PAUSE_NS);
        }
        return true;
    }

    /**
     * Releases the lock this process took.
     *
     * @param buffer the region.
     * @param offset the histogram in it.
     * @param pid    this process's pid, the holder.
     */
    static void unlock(final AtomicBuffer buffer, final int offset, final long pid)
    {
        buffer.compareAndSetLong(offset + READER_LOCK_OFFSET, pid, 0);
    }
}
