package io.ringline.sync;

import io.ringline.os.Futex;
import io.ringline.os.Native;
import io.ringline.os.NativeBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Native memory one thread passes to the kernel while it waits: a {@code struct timespec}, two {@code struct sembuf},
 * a {@code struct semid_ds}, an int that receives a value, and a {@link Futex}. One per thread, made on the thread's
 * first wait, so that waiting allocates nothing after that and handles stay safe to share between threads. Each
 * block is a {@link NativeBuffer}, passed to {@code LibC} by address.
 */
final class NativeScratch
{
    /** Length of a {@code struct sembuf}: unsigned short sem_num, short sem_op, short sem_flg. */
    static final int SEMBUF_LENGTH = 6;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final ThreadLocal<NativeScratch> CURRENT = ThreadLocal.withInitial(NativeScratch::new);

    final NativeBuffer timespec = new NativeBuffer(NativeBuffer.TIMESPEC_LENGTH);
    final NativeBuffer sembufs = new NativeBuffer(2 * SEMBUF_LENGTH);
    final NativeBuffer semidDs = new NativeBuffer(Native.SEMID_DS_LENGTH);
    final NativeBuffer intOut = new NativeBuffer(Integer.BYTES);
    final Futex futex = new Futex();

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
     * @return the timespec's address.
     */
    long relative(final long durationNs)
    {
        return timespec.putTimespec(durationNs);
    }

    /**
     * Writes "now on this clock plus the duration" into {@link #timespec}, for the absolute-time waits.
     *
     * @param clockId    {@link Native#CLOCK_MONOTONIC} or {@link Native#CLOCK_REALTIME}.
     * @param durationNs nanoseconds, not negative.
     * @return the timespec's address.
     */
    long absolute(final int clockId, final long durationNs)
    {
        if (Native.libc().clock_gettime(clockId, timespec.address()) != 0)
        {
            final int errno = Native.errno();
            throw new SyncException("clock_gettime failed: clockId=" + clockId + ": " + Native.describe(errno), errno);
        }
        final UnsafeBuffer time = timespec.buffer();
        final long nanos = time.getLong(Long.BYTES) + durationNs % NANOS_PER_SECOND;
        final long seconds = time.getLong(0) + durationNs / NANOS_PER_SECOND + nanos / NANOS_PER_SECOND;
        time.putLong(0, seconds);
        time.putLong(Long.BYTES, nanos % NANOS_PER_SECOND);
        return timespec.address();
    }

    /**
     * Fills the first or second {@code struct sembuf}.
     *
     * @param index     0 or 1.
     * @param semaphore index of the semaphore in its set.
     * @param operation amount to add, or 0 to wait for zero.
     * @param flags     SEM_UNDO, IPC_NOWAIT.
     */
    void sembuf(final int index, final int semaphore, final int operation, final int flags)
    {
        final UnsafeBuffer buffer = sembufs.buffer();
        final int at = index * SEMBUF_LENGTH;
        buffer.putShort(at, (short)semaphore);
        buffer.putShort(at + 2, (short)operation);
        buffer.putShort(at + 4, (short)flags);
    }

    /**
     * @return the address of {@link #sembufs}, for {@code semtimedop}.
     */
    long sembufsAddress()
    {
        return sembufs.address();
    }

    /**
     * Reads {@code struct semid_ds} of a set into {@link #semidDs} ({@code semctl(IPC_STAT)}).
     *
     * @param id the set's id.
     * @return 0 or -1 with errno.
     */
    int statSet(final int id)
    {
        return Native.libc().semctl(id, 0, Native.IPC_STAT, semidDs.address());
    }
}
