package io.ringline.sync;

import io.ringline.os.Futex;
import io.ringline.os.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import static io.ringline.sync.RobustMutexDescriptor.CONSISTENCY_OFFSET;
import static io.ringline.sync.RobustMutexDescriptor.CONSISTENT;
import static io.ringline.sync.RobustMutexDescriptor.OWNER_DIED;
import static io.ringline.sync.RobustMutexDescriptor.OWNER_PID_OFFSET;
import static io.ringline.sync.RobustMutexDescriptor.RECOVERY_COUNT_OFFSET;
import static io.ringline.sync.RobustMutexDescriptor.TID_MASK;
import static io.ringline.sync.RobustMutexDescriptor.WAITERS_BIT;

/**
 * A mutex in shared memory that threads of different processes lock, and that survives the death of its owner: a
 * flyweight over {@link RobustMutexDescriptor#LENGTH} bytes of an {@link AtomicBuffer}. For a named one in
 * {@code /dev/shm}, see {@link NamedRobustMutex}.
 *
 * <pre>{@code
 * RobustMutex mutex = new RobustMutex().wrap(sharedBuffer, 0);     // zero bytes are an unlocked mutex
 * if (mutex.lock() == LockResult.ACQUIRED_OWNER_DIED)
 * {
 *     repair(sharedBuffer);                                         // a holder died mid-update
 *     mutex.markConsistent();
 * }
 * try { update(sharedBuffer); } finally { mutex.unlock(); }
 * }</pre>
 *
 * <p><b>Ownership.</b> The owner is a thread, named by its kernel tid and start time in the same atomic write that
 * takes the lock (see the descriptor). Only the owner may unlock ({@link IllegalStateException} otherwise), and a
 * thread that locks a mutex it already holds gets {@link IllegalStateException} rather than a deadlock: the mutex
 * is not reentrant. Hold it from platform threads only: a virtual thread may change tid between lock and unlock.
 *
 * <p><b>Death of the owner.</b> An owner is dead when its tid no longer exists, belongs to a zombie, or names a
 * thread with a different start time (a reused tid); this covers SIGKILL, a crash, a process killed but not yet
 * reaped, and a thread that ended without unlocking. The next thread to lock then takes the mutex over and is told
 * {@link LockResult#ACQUIRED_OWNER_DIED}. Every later owner is told the same until one calls
 * {@link #markConsistent()}. (POSIX instead makes a robust mutex unusable, {@code ENOTRECOVERABLE}, when the
 * recovering owner unlocks without marking it consistent; here it stays usable and keeps saying so.)
 *
 * <p><b>Waiting.</b> A locker spins briefly, then sleeps on the futex word with a timeout of at most the liveness
 * check interval ({@value #LIVENESS_CHECK_INTERVAL_PROP_NAME}, default
 * {@value #LIVENESS_CHECK_INTERVAL_MS_DEFAULT} ms). A live owner's unlock wakes one sleeper at once; a dead owner
 * wakes nobody, so a sleeper that times out reads the owner's {@code /proc} entry and takes the mutex over. A dead
 * owner is therefore noticed within about one interval. {@link #tryLock()} checks the owner's liveness at once when
 * the mutex is held, which costs a read of {@code /proc} (microseconds, and some garbage).
 *
 * <p><b>Fairness: none.</b> An unlock wakes one sleeper, but a thread that arrives at that moment may take the
 * mutex first (barging), and the woken thread sleeps again. There is no bound on how many times a waiter can lose
 * in this way: under sustained contention a waiter can starve. What is guaranteed is mutual exclusion between live
 * threads, that an unlock with sleepers wakes at least one of them, and that no waiter sleeps more than one interval
 * on a dead owner.
 *
 * <p><b>Assumptions.</b> All processes share a pid namespace and {@code /proc} (tids are compared); native byte
 * order is little-endian (x86-64, aarch64). Two threads can only be confused if a tid is reused within the same
 * clock tick (10 ms) as the death of its previous thread, which needs the whole pid space to be cycled in that
 * time. Locking does not respond to {@link Thread#interrupt()}; use {@link #tryLock(long, TimeUnit)}.
 *
 * <p>Wrap once, then share the flyweight between the threads of a process.
 */
public final class RobustMutex
{
    /** System property: longest sleep of a waiter before it checks whether the owner is still alive, in ms. */
    public static final String LIVENESS_CHECK_INTERVAL_PROP_NAME = "ringline.sync.livenessCheckIntervalMs";
    /** Default of {@link #LIVENESS_CHECK_INTERVAL_PROP_NAME}. */
    public static final long LIVENESS_CHECK_INTERVAL_MS_DEFAULT = 100;
    /** The liveness check interval of mutexes made with {@link #RobustMutex()}, read once. */
    public static final long LIVENESS_CHECK_INTERVAL_MS =
        Long.getLong(LIVENESS_CHECK_INTERVAL_PROP_NAME, LIVENESS_CHECK_INTERVAL_MS_DEFAULT);

    private static final int SPIN_LIMIT = 64;
    private static final long NO_OWNER = -1;

    static
    {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN)
        {
            throw new ExceptionInInitializerError("RobustMutex needs a little-endian platform: byteOrder=" +
                ByteOrder.nativeOrder());
        }
    }

    private final long livenessCheckIntervalNs;
    private AtomicBuffer buffer;
    private int offset;
    private long futexAddress;

    /**
     * A mutex flyweight with the configured liveness check interval; {@link #wrap(AtomicBuffer, int)} it.
     */
    public RobustMutex()
    {
        this(TimeUnit.MILLISECONDS.toNanos(LIVENESS_CHECK_INTERVAL_MS));
    }

    /**
     * A mutex flyweight; {@link #wrap(AtomicBuffer, int)} it.
     *
     * @param livenessCheckIntervalNs longest sleep of a waiter before it checks the owner's liveness.
     */
    public RobustMutex(final long livenessCheckIntervalNs)
    {
        if (livenessCheckIntervalNs < TimeUnit.MILLISECONDS.toNanos(1))
        {
            throw new IllegalArgumentException("livenessCheckIntervalNs=" + livenessCheckIntervalNs +
                " is below the minimum of 1 ms");
        }
        this.livenessCheckIntervalNs = livenessCheckIntervalNs;
    }

    /**
     * Points this flyweight at a mutex in shared memory. Zero bytes are an unlocked, consistent mutex.
     *
     * @param buffer shared memory (a mapped file or a direct buffer, not the heap).
     * @param offset where the mutex starts: 8-byte aligned, {@link RobustMutexDescriptor#LENGTH} bytes.
     * @return this.
     */
    public RobustMutex wrap(final AtomicBuffer buffer, final int offset)
    {
        RobustMutexDescriptor.checkCapacity(buffer, offset);
        this.buffer = buffer;
        this.offset = offset;
        this.futexAddress = buffer.addressOffset() + offset;
        return this;
    }

    /**
     * Takes the mutex if it is free or its owner is dead, without waiting.
     *
     * @return {@link LockResult#ACQUIRED}, {@link LockResult#ACQUIRED_OWNER_DIED} or {@link LockResult#NOT_ACQUIRED}.
     * @throws IllegalStateException when the calling thread already holds it.
     */
    public LockResult tryLock()
    {
        return acquire(0);
    }

    /**
     * Takes the mutex, waiting at most the timeout.
     *
     * @param timeout longest wait; zero or less is {@link #tryLock()}.
     * @param unit    unit of the timeout.
     * @return {@link LockResult#ACQUIRED}, {@link LockResult#ACQUIRED_OWNER_DIED} or {@link LockResult#NOT_ACQUIRED}
     * when the time passed.
     * @throws IllegalStateException when the calling thread already holds it.
     */
    public LockResult tryLock(final long timeout, final TimeUnit unit)
    {
        return acquire(Math.max(0, Math.min(unit.toNanos(timeout), Long.MAX_VALUE - 1)));
    }

    /**
     * Takes the mutex, waiting as long as it takes (but never on a dead owner).
     *
     * @return {@link LockResult#ACQUIRED} or {@link LockResult#ACQUIRED_OWNER_DIED}.
     * @throws IllegalStateException when the calling thread already holds it.
     */
    public LockResult lock()
    {
        return acquire(Long.MAX_VALUE);
    }

    /**
     * Releases the mutex and wakes one sleeping waiter, if any.
     *
     * @throws IllegalStateException when the calling thread does not hold it.
     */
    public void unlock()
    {
        final AtomicBuffer buffer = buffer();
        final ThreadIdentity me = ThreadIdentity.current();
        final long word = buffer.getLongVolatile(offset);
        if ((word & ~WAITERS_BIT) != me.lockWord)
        {
            throw notOwner("unlock", word, me);
        }
        buffer.putIntRelease(offset + OWNER_PID_OFFSET, 0);
        final long previous = buffer.getAndSetLong(offset, 0);
        if ((previous & WAITERS_BIT) != 0)
        {
            Futex.wake(futexAddress, 1);
        }
    }

    /**
     * Declares the protected state repaired after {@link LockResult#ACQUIRED_OWNER_DIED}: later owners get
     * {@link LockResult#ACQUIRED} again.
     *
     * @throws IllegalStateException when the calling thread does not hold the mutex.
     */
    public void markConsistent()
    {
        final AtomicBuffer buffer = buffer();
        final ThreadIdentity me = ThreadIdentity.current();
        final long word = buffer.getLongVolatile(offset);
        if ((word & ~WAITERS_BIT) != me.lockWord)
        {
            throw notOwner("markConsistent", word, me);
        }
        buffer.putIntVolatile(offset + CONSISTENCY_OFFSET, CONSISTENT);
    }

    /**
     * @return false when an owner died holding the mutex and nobody has called {@link #markConsistent()} since.
     */
    public boolean isConsistent()
    {
        return buffer().getIntVolatile(offset + CONSISTENCY_OFFSET) == CONSISTENT;
    }

    /**
     * @return true when some thread holds the mutex, or held it and died without anyone taking it over since.
     */
    public boolean isLocked()
    {
        return buffer().getLongVolatile(offset) != 0;
    }

    /**
     * @return true when the calling thread holds the mutex.
     */
    public boolean isHeldByCurrentThread()
    {
        return (buffer().getLongVolatile(offset) & ~WAITERS_BIT) == ThreadIdentity.current().lockWord;
    }

    /**
     * @return the tid of the owning thread, or 0 when unlocked.
     */
    public int ownerTid()
    {
        return (int)(buffer().getLongVolatile(offset) & TID_MASK);
    }

    /**
     * @return the pid of the owning process as it recorded it (for messages), or 0.
     */
    public int ownerPid()
    {
        return buffer().getIntVolatile(offset + OWNER_PID_OFFSET);
    }

    /**
     * @return how many times a dead owner's lock has been taken over.
     */
    public long recoveryCount()
    {
        return buffer().getLongVolatile(offset + RECOVERY_COUNT_OFFSET);
    }

    @Override
    public String toString()
    {
        if (null == buffer)
        {
            return "RobustMutex{unwrapped}";
        }
        final long word = buffer.getLongVolatile(offset);
        return "RobustMutex{address=0x" + Long.toHexString(futexAddress) + " ownerTid=" + (word & TID_MASK) +
            " ownerPid=" + ownerPid() + " waiters=" + ((word & WAITERS_BIT) != 0) + " consistent=" +
            isConsistent() + " recoveries=" + recoveryCount() + "}";
    }

    private LockResult acquire(final long timeoutNs)
    {
        final AtomicBuffer buffer = buffer();
        final ThreadIdentity me = ThreadIdentity.current();
        if (buffer.compareAndSetLong(offset, 0, me.lockWord))
        {
            return acquired(buffer, false);
        }
        return acquireContended(buffer, me, timeoutNs);
    }

    private LockResult acquireContended(final AtomicBuffer buffer, final ThreadIdentity me, final long timeoutNs)
    {
        final boolean forever = Long.MAX_VALUE == timeoutNs;
        final long deadlineNs = forever ? 0 : System.nanoTime() + timeoutNs;
        long ownLockWord = me.lockWord; // gains W once this thread has slept: other sleepers may remain
        long deadOwner = NO_OWNER;
        boolean checkOwner = 0 == timeoutNs;
        boolean slept = false;
        int spins = 0;

        while (true)
        {
            final long word = buffer.getLongVolatile(offset);
            if (0 == word)
            {
                if (buffer.compareAndSetLong(offset, 0, ownLockWord))
                {
                    return acquired(buffer, false);
                }
                continue;
            }

            final long owner = word & ~WAITERS_BIT;
            if (owner == me.lockWord)
            {
                throw new IllegalStateException("mutex address=0x" + Long.toHexString(futexAddress) +
                    " is already held by this thread, tid=" + me.tid + ": RobustMutex is not reentrant");
            }

            boolean checked = false;
            if (checkOwner && owner != deadOwner)
            {
                checkOwner = false;
                checked = true;
                if (!ThreadIdentity.isAlive((int)(owner & TID_MASK), (int)(owner >>> 32)))
                {
                    deadOwner = owner;
                }
            }
            if (owner == deadOwner)
            {
                // Keep W: threads may sleep on the dead owner's word and must be woken by our unlock.
                if (buffer.compareAndSetLong(offset, word, me.lockWord | (word & WAITERS_BIT)))
                {
                    return acquired(buffer, true);
                }
                continue;
            }

            final long remainingNs = forever ? Long.MAX_VALUE : deadlineNs - System.nanoTime();
            if (remainingNs <= 0)
            {
                if (!checked)
                {
                    checkOwner = true; // one look at the owner before giving up
                    continue;
                }
                if (slept)
                {
                    Futex.wake(futexAddress, 1); // an unlock may have woken this thread: pass the wake-up on
                }
                return LockResult.NOT_ACQUIRED;
            }

            if (spins < SPIN_LIMIT)
            {
                spins++;
                Thread.onSpinWait();
                continue;
            }

            if ((word & WAITERS_BIT) == 0 && !buffer.compareAndSetLong(offset, word, word | WAITERS_BIT))
            {
                continue;
            }
            ownLockWord = me.lockWord | WAITERS_BIT;
            slept = true;
            final int result = NativeScratch.current().futex.await(
                futexAddress, (int)(word | WAITERS_BIT), Math.min(livenessCheckIntervalNs, remainingNs));
            if (Futex.TIMED_OUT == result)
            {
                checkOwner = true; // nobody woke us in a whole interval: is the owner still there?
            }
        }
    }

    private LockResult acquired(final AtomicBuffer buffer, final boolean tookOverFromDeadOwner)
    {
        buffer.putIntRelease(offset + OWNER_PID_OFFSET, (int)ProcessIdentity.selfPid());
        if (tookOverFromDeadOwner)
        {
            buffer.putIntVolatile(offset + CONSISTENCY_OFFSET, OWNER_DIED);
            buffer.getAndAddLong(offset + RECOVERY_COUNT_OFFSET, 1);
            return LockResult.ACQUIRED_OWNER_DIED;
        }
        return buffer.getIntVolatile(offset + CONSISTENCY_OFFSET) == CONSISTENT ?
            LockResult.ACQUIRED : LockResult.ACQUIRED_OWNER_DIED;
    }

    private IllegalStateException notOwner(final String operation, final long word, final ThreadIdentity me)
    {
        return new IllegalStateException(operation + " by a thread that does not hold the mutex: address=0x" +
            Long.toHexString(futexAddress) + " callerTid=" + me.tid + " ownerTid=" + (word & TID_MASK) +
            " ownerPid=" + buffer.getIntVolatile(offset + OWNER_PID_OFFSET));
    }

    private AtomicBuffer buffer()
    {
        final AtomicBuffer buffer = this.buffer;
        if (null == buffer)
        {
            throw new IllegalStateException("RobustMutex is not wrapped over a buffer: call wrap(buffer, offset)");
        }
        return buffer;
    }
}
