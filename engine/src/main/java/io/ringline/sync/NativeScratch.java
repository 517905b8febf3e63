package io.ringline.sync;

import io.ringline.os.Futex;
import io.ringline.os.Native;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Native memory one thread passes to the kernel while it waits: a {@code struct timespec}, two {@code struct sembuf}
 * and a {@link Futex}. One per thread, made on the thread's first wait, so that waiting allocates nothing after
 * that and handles stay safe to share between threads.
 */
final class NativeScratch
{
    /** Length of a {@code struct sembuf}: unsigned short sem_num, short sem_op, short sem_flg. */
    static final int SEMBUF_LENGTH = 6;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final ThreadLocal<NativeScratch> CURRENT = ThreadLocal.withInitial(NativeScratch::new);

    final Pointer timespec = Memory.allocateDirect(Native.runtime(), 16);
    final Pointer sembufs = Memory.allocateDirect(Native.runtime(), 2 * SEMBUF_LENGTH);
    final Pointer semidDs = Memory.allocateDirect(Native.runtime(), Native.SEMID_DS_LENGTH);
    final Futex futex = new Futex();
    final int[] intOut = new int[1];

    private NativeScratch()
    {
    }

    /**
     * @return this thread's scratch memory.
     */
    static NativeScratch current()
    {
        return CURRENT.get();
    }

    /**
     * Writes a relative timeout into {@link #timespec}.
     *
     * @param durationNs nanoseconds, not negative.
     * @return the timespec.
     */
    Pointer relative(final long durationNs)
    {
        timespec.putLong(0, durationNs / NANOS_PER_SECOND);
        timespec.putLong(8, durationNs % NANOS_PER_SECOND);
        return timespec;
    }

    /**
     * Writes "now on this clock plus the duration" into {@link #timespec}, for the absolute-time waits.
     *
     * @param clockId    {@link Native#CLOCK_MONOTONIC} or {@link Native#CLOCK_REALTIME}.
     * @param durationNs nanoseconds, not negative.
     * @return the timespec.
     */
    Pointer absolute(final int clockId, final long durationNs)
    {
        if (Native.libc().clock_gettime(clockId, timespec) != 0)
        {
            throw new SyncException("clock_gettime failed: clockId=" + clockId + ": " +
                Native.describe(Native.errno()), Native.errno());
        }
        final long nanos = timespec.getLong(8) + durationNs % NANOS_PER_SECOND;
        final long seconds = timespec.getLong(0) + durationNs / NANOS_PER_SECOND + nanos / NANOS_PER_SECOND;
        timespec.putLong(0, seconds);
        timespec.putLong(8, nanos % NANOS_PER_SECOND);
        return timespec;
    }

    /**
     * Fills the first or second {@code struct sembuf}.
     *
     * @param index 0 or 1.
     * @param semaphore index of the semaphore in its set.
     * @param operation amount to add, or 0 to wait for zero.
     * @param flags     SEM_UNDO, IPC_NOWAIT.
     */
    void sembuf(final int index, final int semaphore, final int operation, final int flags)
    {
        final long at = (long)index * SEMBUF_LENGTH;
        sembufs.putShort(at, (short)semaphore);
        sembufs.putShort(at + 2, (short)operation);
        sembufs.putShort(at + 4, (short)flags);
    }
}
