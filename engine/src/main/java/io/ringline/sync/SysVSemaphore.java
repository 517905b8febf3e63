package io.ringline.sync;

import io.ringline.os.LibC;
import io.ringline.os.Native;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One semaphore of a {@link SysVSemaphoreSet}, used through {@code semtimedop(2)}.
 *
 * <ul>
 *   <li>{@link SemaphoreKind#COUNTING}: acquire subtracts one, release adds one, up to {@code SEMVMX} (32767).</li>
 *   <li>{@link SemaphoreKind#BINARY}: release is the single atomic operation "wait for zero without blocking, then
 *       add one": the value never exceeds 1 through binary handles, however many processes release at once. (A
 *       counting handle on the same semaphore can still raise it; do not mix them.)</li>
 *   <li>{@link SemaphoreKind#MUTEX}: binary, and both acquire and release carry {@code SEM_UNDO}: if the process
 *       that acquired it dies before releasing, the kernel adds the permit back when it exits. The acquiring
 *       process must release it, through this same handle; a release without a matching acquire throws
 *       {@link IllegalStateException}. The next acquirer is not told of the death (use {@link RobustMutex} when the
 *       protected state must be checked after a crash).</li>
 * </ul>
 *
 * <p>A waiter whose set is removed wakes with a {@link SyncException} whose {@link SyncException#errno()} is
 * {@code EIDRM}; it never hangs. Timed waits use a relative timeout and, after {@code EINTR}, wait again only for
 * the time that remains.
 */
public final class SysVSemaphore implements ProcessSemaphore
{
    private final SysVSemaphoreSet set;
    private final int index;
    private final SemaphoreKind kind;
    private final int undo;
    private final AtomicInteger held = new AtomicInteger();
    private volatile boolean closed;

    SysVSemaphore(final SysVSemaphoreSet set, final int index, final SemaphoreKind kind)
    {
        this.set = set;
        this.index = index;
        this.kind = kind;
        this.undo = SemaphoreKind.MUTEX == kind ? Native.SEM_UNDO : 0;
    }

    /**
     * @return the set this semaphore belongs to.
     */
    public SysVSemaphoreSet set()
    {
        return set;
    }

    /**
     * @return this semaphore's index in its set.
     */
    public int index()
    {
        return index;
    }

    @Override
    public SemaphoreKind kind()
    {
        return kind;
    }

    @Override
    public boolean tryAcquire()
    {
        ensureOpen();
        final NativeScratch scratch = NativeScratch.current();
        scratch.sembuf(0, index, -1, undo | Native.IPC_NOWAIT);
        while (true)
        {
            if (semop(scratch, 1, 0) == 0)
            {
                return acquired();
            }
            final int errno = Native.errno();
            if (Native.EAGAIN == errno)
            {
                return false;
            }
            if (Native.EINTR != errno)
            {
                throw failure("semop(acquire, IPC_NOWAIT)", errno);
            }
        }
    }

    @Override
    public boolean tryAcquire(final long timeout, final TimeUnit unit)
    {
        final long timeoutNs = unit.toNanos(timeout);
        if (timeoutNs <= 0)
        {
            return tryAcquire();
        }
        ensureOpen();
        final NativeScratch scratch = NativeScratch.current();
        final long deadlineNs = System.nanoTime() + timeoutNs;
        long remainingNs = timeoutNs;
        while (remainingNs > 0)
        {
            scratch.sembuf(0, index, -1, undo);
            if (semop(scratch, 1, scratch.relative(remainingNs)) == 0)
            {
                return acquired();
            }
            final int errno = Native.errno();
            if (Native.EAGAIN != errno && Native.EINTR != errno) // EAGAIN: the timeout passed
            {
                throw failure("semtimedop(acquire)", errno);
            }
            remainingNs = deadlineNs - System.nanoTime();
        }
        return tryAcquire();
    }

    @Override
    public void acquire()
    {
        ensureOpen();
        final NativeScratch scratch = NativeScratch.current();
        while (true)
        {
            scratch.sembuf(0, index, -1, undo);
            if (semop(scratch, 1, 0) == 0)
            {
                acquired();
                return;
            }
            final int errno = Native.errno();
            if (Native.EINTR != errno)
            {
                throw failure("semop(acquire)", errno);
            }
        }
    }

    @Override
    public boolean release()
    {
        ensureOpen();
        if (SemaphoreKind.MUTEX == kind && held.getAndUpdate((h) -> h > 0 ? h - 1 : h) <= 0)
        {
            throw new IllegalStateException("semaphore " + set.describe() + " index=" + index +
                " kind=MUTEX released without an acquire through this handle: SEM_UNDO needs the acquiring " +
                "process to release");
        }

        final NativeScratch scratch = NativeScratch.current();
        final int operations;
        if (SemaphoreKind.COUNTING == kind)
        {
            scratch.sembuf(0, index, 1, 0);
            operations = 1;
        }
        else
        {
            // Both or neither: "is it zero?" without blocking, then "add one".
            scratch.sembuf(0, index, 0, Native.IPC_NOWAIT);
            scratch.sembuf(1, index, 1, undo);
            operations = 2;
        }

        if (add(scratch, operations))
        {
            return true;
        }
        if (SemaphoreKind.MUTEX == kind)
        {
            held.incrementAndGet(); // nothing was released: still ours
        }
        return false;
    }

    /**
     * {@inheritDoc} A counting semaphore reads its value ({@code GETVAL}) and adds the difference in one
     * {@code semop}; a binary one is {@link #release()}d when {@code value} is 1 or more.
     */
    @Override
    public int releaseUpTo(final int value)
    {
        if (SemaphoreKind.COUNTING != kind)
        {
            return value >= 1 && release() ? 1 : 0;
        }
        final int missing = Math.min(value, Native.SEMVMX) - value();
        if (missing <= 0)
        {
            return 0;
        }
        final NativeScratch scratch = NativeScratch.current();
        scratch.sembuf(0, index, missing, 0);
        add(scratch, 1);
        return missing;
    }

    // Performs the release operations filled in the scratch, again after EINTR: false when a binary one found the
    // semaphore already released (EAGAIN).
    private boolean add(final NativeScratch scratch, final int operations)
    {
        while (true)
        {
            if (semop(scratch, operations, 0) == 0)
            {
                return true;
            }
            final int errno = Native.errno();
            if (Native.EAGAIN == errno && SemaphoreKind.COUNTING != kind)
            {
                return false;
            }
            if (Native.ERANGE == errno)
            {
                throw new SyncException("semop(release) failed: semaphore " + set.describe() + " index=" + index +
                    " would exceed SEMVMX=" + Native.SEMVMX + ": " + Native.describe(errno), errno);
            }
            if (Native.EINTR != errno)
            {
                throw failure("semop(release)", errno);
            }
        }
    }

    @Override
    public int value()
    {
        return semctl(Native.GETVAL, "GETVAL");
    }

    /**
     * @return how many processes wait for this semaphore's value to rise ({@code GETNCNT}).
     */
    public int waiters()
    {
        return semctl(Native.GETNCNT, "GETNCNT");
    }

    /**
     * Marks this handle closed; the set stays until it is removed.
     */
    @Override
    public void close()
    {
        closed = true;
    }

    @Override
    public String toString()
    {
        return "SysVSemaphore{" + set.describe() + " index=" + index + " kind=" + kind + "}";
    }

    private void ensureOpen()
    {
        set.ensureOpen();
        if (closed)
        {
            throw new IllegalStateException("semaphore " + set.describe() + " index=" + index + " handle is closed");
        }
    }

    private boolean acquired()
    {
        if (SemaphoreKind.MUTEX == kind)
        {
            held.incrementAndGet();
        }
        return true;
    }

    private int semop(final NativeScratch scratch, final int operations, final long timeout)
    {
        return Native.libc().semtimedop(set.id(), scratch.sembufsAddress(), operations, timeout);
    }

    private int semctl(final int command, final String commandName)
    {
        ensureOpen();
        final LibC libc = Native.libc();
        final int result = libc.semctl(set.id(), index, command, 0);
        if (result < 0)
        {
            throw failure("semctl(" + commandName + ")", Native.errno());
        }
        return result;
    }

    private SyncException failure(final String call, final int errno)
    {
        final String what;
        if (Native.EIDRM == errno)
        {
            what = " was removed while this process waited on it";
        }
        else if (Native.EINVAL == errno)
        {
            what = " no longer exists (removed?)";
        }
        else if (Native.EACCES == errno)
        {
            what = " permission denied (its mode forbids this user)";
        }
        else
        {
            what = "";
        }
        return new SyncException(call + " failed: semaphore " + set.describe() + " index=" + index + what + ": " +
            Native.describe(errno), errno);
    }
}
