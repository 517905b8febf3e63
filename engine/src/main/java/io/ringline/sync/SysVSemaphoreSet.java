package io.ringline.sync;

import io.ringline.RinglineException;
import io.ringline.os.LibC;
import io.ringline.os.Native;
import io.ringline.os.Owner;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A System V semaphore set ({@code semget(2)}), found by a numeric key, holding {@link #count()} semaphores. Get a
 * handle on one member with {@link #semaphore(int, SemaphoreKind)}. The set lives in the kernel (listed by
 * {@code ipcs -s}) until {@link #remove()}: a process that exits does not remove it.
 *
 * <pre>{@code
 * try (SysVSemaphoreSet set = SysVSemaphoreSet.openOrCreate(0x52494e47, 1, 1))
 * {
 *     SysVSemaphore lock = set.semaphore(0, SemaphoreKind.MUTEX);   // released by the kernel if we die
 *     lock.acquire();
 *     try { ... } finally { lock.release(); }
 *     set.remove();
 * }
 * }</pre>
 *
 * <p><b>Permissions.</b> A new set is owner-only (0600) unless a mode is given. System V applies no umask: the set
 * gets exactly the mode asked for.
 *
 * <p><b>Creation without a race.</b> The kernel creates the semaphores at 0, and setting their initial values is a
 * second call. The creator sets them and then performs one {@code semop} that leaves every value unchanged; that
 * stamps the set's {@code sem_otime}. A process that opens an existing set waits, up to
 * {@link #INITIALISATION_TIMEOUT_MS} ms, until {@code sem_otime} is set, so it never acquires or releases a permit
 * that the creator is about to overwrite. A set whose creator died in between is reported, not waited on forever.
 *
 * <p><b>Without a key.</b> {@link #createPrivate(int, int)} makes a set that no key finds; the creator publishes its id
 * (a channel's header does) and others {@link #openId(int)} it, after {@link #checkOwner(String, int)} where that id
 * came from memory other users may write.
 *
 * <p><b>Removal.</b> {@link #remove()} removes the set at once, unlike a POSIX unlink: a process waiting on it wakes
 * with a {@link SyncException} whose errno is {@code EIDRM}; any later call fails with {@code EINVAL} or
 * {@code EIDRM}. Only the owner, the creator or a privileged process may remove it.
 */
public final class SysVSemaphoreSet implements AutoCloseable
{
    /** Mode of a new set unless one is given: owner read and alter. */
    public static final int DEFAULT_MODE = 0600;
    /** Most semaphores in one set that this class accepts (the kernel's SEMMSL is usually 32000). */
    public static final int MAX_COUNT = 32000;
    /** How long {@link #open(int)} waits for a set's creator to set its initial values. */
    public static final long INITIALISATION_TIMEOUT_MS = 2000;

    private static final int OPEN_ATTEMPTS = 5;
    private static final int PRIVATE_KEY = 0;

    private final int key;
    private final int id;
    private final int count;
    private final boolean creator;
    private volatile boolean closed;

    private SysVSemaphoreSet(final int key, final int id, final int count, final boolean creator)
    {
        this.key = key;
        this.id = id;
        this.count = count;
        this.creator = creator;
    }

    /**
     * Creates a set, owner-only.
     *
     * @param key          non-zero System V key.
     * @param count        semaphores in the set, 1..{@value #MAX_COUNT}.
     * @param initialValue value of each semaphore, 0..32767.
     * @return the new set.
     * @throws SyncException with {@code EEXIST} when a set with this key exists.
     */
    public static SysVSemaphoreSet create(final int key, final int count, final int initialValue)
    {
        return create(key, count, initialValue, DEFAULT_MODE);
    }

    /**
     * Creates a set.
     *
     * @param key          non-zero System V key.
     * @param count        semaphores in the set, 1..{@value #MAX_COUNT}.
     * @param initialValue value of each semaphore, 0..32767.
     * @param mode         permission bits, e.g. 0600; System V applies no umask.
     * @return the new set.
     * @throws SyncException with {@code EEXIST} when a set with this key exists, {@code ENOSPC} at a system limit.
     */
    public static SysVSemaphoreSet create(final int key, final int count, final int initialValue, final int mode)
    {
        checkArguments(key, count, initialValue, mode);
        return createExclusive(key, count, initialValue, mode, true);
    }

    /**
     * Opens an existing set, waiting for its creator to finish initialising it.
     *
     * @param key the set's key.
     * @return the set.
     * @throws SyncException with {@code ENOENT} when no set has this key, {@code EACCES} when its mode forbids.
     */
    public static SysVSemaphoreSet open(final int key)
    {
        checkKey(key);
        return openExisting(key, true);
    }

    /**
     * Opens the set, creating an owner-only one when none has this key.
     *
     * @param key          non-zero System V key.
     * @param count        semaphores in a new set.
     * @param initialValue value of each semaphore of a new set.
     * @return the set; {@link #isCreator()} tells whether this call made it.
     */
    public static SysVSemaphoreSet openOrCreate(final int key, final int count, final int initialValue)
    {
        return openOrCreate(key, count, initialValue, DEFAULT_MODE);
    }

    /**
     * Opens the set, creating it when none has this key.
     *
     * @param key          non-zero System V key.
     * @param count        semaphores in a new set; an existing set must have at least this many.
     * @param initialValue value of each semaphore of a new set.
     * @param mode         permission bits of a new set.
     * @return the set; {@link #isCreator()} tells whether this call made it.
     */
    public static SysVSemaphoreSet openOrCreate(
        final int key, final int count, final int initialValue, final int mode)
    {
        checkArguments(key, count, initialValue, mode);
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++)
        {
            final SysVSemaphoreSet created = createExclusive(key, count, initialValue, mode, false);
            if (null != created)
            {
                return created;
            }
            final SysVSemaphoreSet opened = openExisting(key, false);
            if (null != opened)
            {
                if (opened.count < count)
                {
                    throw new SyncException("semaphore set key=" + hex(key) + " has count=" + opened.count +
                        " but required=" + count, Native.EINVAL);
                }
                return opened;
            }
        }
        throw new SyncException("semaphore set key=" + hex(key) + " keeps appearing and disappearing while being " +
            "opened, attempts=" + OPEN_ATTEMPTS, Native.ENOENT);
    }

    /**
     * Creates a set that has no key ({@code IPC_PRIVATE}): other processes reach it only by its {@link #id()},
     * which the creator publishes, e.g. in shared memory. Its semaphores start at 0.
     *
     * @param count semaphores in the set, 1..{@value #MAX_COUNT}.
     * @param mode  permission bits, e.g. 0600; System V applies no umask.
     * @return the new set.
     * @throws SyncException with {@code ENOSPC} at a system limit.
     */
    public static SysVSemaphoreSet createPrivate(final int count, final int mode)
    {
        checkCount(PRIVATE_KEY, count, 0, mode);
        return createExclusive(PRIVATE_KEY, count, 0, mode, true);
    }

    /**
     * Opens the set with this id, as {@link #createPrivate(int, int)} made it and its creator published it. Where
     * the id was read from memory that others may write, {@link #checkOwner(String, int)} it before use.
     *
     * @param id the kernel's id of the set.
     * @return the set.
     * @throws SyncException with {@code EINVAL} or {@code EIDRM} when no set has this id, {@code EACCES} when its
     *                       mode forbids reading it.
     */
    public static SysVSemaphoreSet openId(final int id)
    {
        final NativeScratch scratch = NativeScratch.current();
        if (id < 0 || scratch.statSet(id) != 0)
        {
            final int errno = id < 0 ? Native.EINVAL : Native.errno();
            throw new SyncException("semctl(IPC_STAT) failed: semid=" + id + reason(errno) + ": " +
                Native.describe(errno), errno);
        }
        return new SysVSemaphoreSet(
            PRIVATE_KEY, id, (int)scratch.semidDs.buffer().getLong(Native.SEMID_DS_NSEMS_OFFSET), false);
    }

    /**
     * Removes the set with this key, if there is one. Waiters wake with {@code EIDRM}.
     *
     * @param key the set's key.
     * @return true when a set was removed.
     * @throws SyncException when it exists but may not be removed ({@code EPERM}).
     */
    public static boolean remove(final int key)
    {
        checkKey(key);
        final int id = Native.libc().semget(key, 0, 0);
        if (id < 0)
        {
            final int errno = Native.errno();
            if (Native.ENOENT == errno)
            {
                return false;
            }
            throw new SyncException("semget failed: key=" + hex(key) + ": " + Native.describe(errno), errno);
        }
        return removeId(key, id);
    }

    /**
     * @return the key.
     */
    public int key()
    {
        return key;
    }

    /**
     * @return the kernel's id of the set (what {@code ipcs -s} lists as semid).
     */
    public int id()
    {
        return id;
    }

    /**
     * @return how many semaphores the set holds.
     */
    public int count()
    {
        return count;
    }

    /**
     * @return true when this call created the set.
     */
    public boolean isCreator()
    {
        return creator;
    }

    /**
     * A handle on one member of the set. Handles are cheap; take one per kind of use.
     *
     * @param index which semaphore, 0..count-1.
     * @param kind  how the handle releases, and whether it uses {@code SEM_UNDO} ({@link SemaphoreKind#MUTEX}).
     * @return the handle.
     */
    public SysVSemaphore semaphore(final int index, final SemaphoreKind kind)
    {
        ensureOpen();
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("semaphore set key=" + hex(key) + " index=" + index +
                " out of range [0, " + count + ")");
        }
        return new SysVSemaphore(this, index, kind);
    }

    /**
     * Checks that the expected user both owns and created this set ({@link Owner#checkSystemV}), read from the set
     * itself with {@code IPC_STAT}: a set of another user may be posted by that user, to wake (or starve) the
     * waiters, or removed under them. A set whose status cannot be read is refused.
     *
     * @param context     what the set serves, for the message, e.g. {@code "channel=shm:orders"}.
     * @param expectedUid the uid that must own and have created it, or {@link Owner#ANY_UID} to accept any.
     * @throws io.ringline.RinglineException naming both uids when another user owns or created it, or the reason
     *                                       when its status cannot be read.
     */
    public void checkOwner(final String context, final int expectedUid)
    {
        if (Owner.ANY_UID == expectedUid)
        {
            return;
        }
        final String subject = context + " System V semaphore " + describe();
        final NativeScratch scratch = NativeScratch.current();
        if (scratch.statSet(id) != 0)
        {
            throw new RinglineException(subject + ": its owner could not be established (IPC_STAT: " +
                Native.describe(Native.errno()) + "), so it is refused");
        }
        Owner.checkSystemV(subject, expectedUid, scratch.semidDs.buffer());
    }

    /**
     * Removes the set now ({@code IPC_RMID}); waiters in every process wake with {@code EIDRM}. Idempotent: a set
     * already removed is not an error.
     *
     * @return true when this call removed it.
     */
    public boolean remove()
    {
        return removeId(key, id);
    }

    /**
     * Marks this handle closed: later calls through it or its semaphores throw {@link IllegalStateException}. The
     * set itself stays until removed (a System V set holds no per-process resource to release).
     */
    @Override
    public void close()
    {
        closed = true;
    }

    @Override
    public String toString()
    {
        return "SysVSemaphoreSet{key=" + hex(key) + " semid=" + id + " count=" + count + " closed=" + closed + "}";
    }

    void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("semaphore set key=" + hex(key) + " semid=" + id + " is closed");
        }
    }

    String describe()
    {
        return PRIVATE_KEY == key ? "semid=" + id : "key=" + hex(key) + " semid=" + id;
    }

    static String hex(final int key)
    {
        return "0x" + Integer.toHexString(key);
    }

    private static void checkKey(final int key)
    {
        if (0 == key)
        {
            throw new IllegalArgumentException("key=0 is IPC_PRIVATE, which no other process can find: " +
                "use a non-zero key");
        }
    }

    private static void checkArguments(final int key, final int count, final int initialValue, final int mode)
    {
        checkKey(key);
        checkCount(key, count, initialValue, mode);
    }

    private static void checkCount(final int key, final int count, final int initialValue, final int mode)
    {
        if (count < 1 || count > MAX_COUNT)
        {
            throw new IllegalArgumentException("semaphore set key=" + hex(key) + " count=" + count +
                " out of range [1, " + MAX_COUNT + "]");
        }
        if (initialValue < 0 || initialValue > Native.SEMVMX)
        {
            throw new IllegalArgumentException("semaphore set key=" + hex(key) + " initialValue=" + initialValue +
                " out of range [0, " + Native.SEMVMX + "]");
        }
        if ((mode & ~0777) != 0)
        {
            throw new IllegalArgumentException("semaphore set key=" + hex(key) + " mode=0" +
                Integer.toOctalString(mode) + " has bits outside 0777");
        }
    }

    // Returns null when it exists and the caller asked for openOrCreate.
    private static SysVSemaphoreSet createExclusive(
        final int key, final int count, final int initialValue, final int mode, final boolean existsIsError)
    {
        final LibC libc = Native.libc();
        final int id = libc.semget(key, count, Native.IPC_CREAT | Native.IPC_EXCL | mode);
        if (id < 0)
        {
            final int errno = Native.errno();
            if (Native.EEXIST == errno && !existsIsError)
            {
                return null;
            }
            throw new SyncException("semget failed: key=" + hex(key) + " count=" + count + " flags=IPC_CREAT|" +
                "IPC_EXCL mode=0" + Integer.toOctalString(mode) + reason(errno) + ": " + Native.describe(errno),
                errno);
        }

        try
        {
            for (int i = 0; i < count; i++)
            {
                if (libc.semctl(id, i, Native.SETVAL, initialValue) != 0)
                {
                    throw new SyncException("semctl(SETVAL) failed: key=" + hex(key) + " semid=" + id + " index=" +
                        i + ": " + Native.describe(Native.errno()), Native.errno());
                }
            }
            markInitialised(key, id, initialValue);
        }
        catch (final RuntimeException ex)
        {
            libc.semctl(id, 0, Native.IPC_RMID, 0);
            throw ex;
        }
        return new SysVSemaphoreSet(key, id, count, true);
    }

    // One semop that leaves the value unchanged stamps sem_otime: openers wait for it.
    private static void markInitialised(final int key, final int id, final int initialValue)
    {
        final NativeScratch scratch = NativeScratch.current();
        final int first = initialValue > 0 ? -1 : 1;
        scratch.sembuf(0, 0, first, 0);
        scratch.sembuf(1, 0, -first, 0);
        if (Native.libc().semtimedop(id, scratch.sembufsAddress(), 2, 0) != 0)
        {
            throw new SyncException("semop failed while initialising: key=" + hex(key) + " semid=" + id + ": " +
                Native.describe(Native.errno()), Native.errno());
        }
    }

    // Returns null when it does not exist and the caller asked for openOrCreate.
    private static SysVSemaphoreSet openExisting(final int key, final boolean missingIsError)
    {
        final LibC libc = Native.libc();
        final int id = libc.semget(key, 0, 0);
        if (id < 0)
        {
            final int errno = Native.errno();
            if (Native.ENOENT == errno && !missingIsError)
            {
                return null;
            }
            throw new SyncException("semget failed: key=" + hex(key) + reason(errno) + ": " +
                Native.describe(errno), errno);
        }

        final NativeScratch scratch = NativeScratch.current();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INITIALISATION_TIMEOUT_MS);
        while (true)
        {
            if (scratch.statSet(id) != 0)
            {
                final int errno = Native.errno();
                if ((Native.EINVAL == errno || Native.EIDRM == errno) && !missingIsError)
                {
                    return null; // removed between semget and semctl
                }
                throw new SyncException("semctl(IPC_STAT) failed: key=" + hex(key) + " semid=" + id +
                    reason(errno) + ": " + Native.describe(errno), errno);
            }
            final UnsafeBuffer semidDs = scratch.semidDs.buffer();
            if (semidDs.getLong(Native.SEMID_DS_OTIME_OFFSET) != 0)
            {
                return new SysVSemaphoreSet(key, id, (int)semidDs.getLong(Native.SEMID_DS_NSEMS_OFFSET), false);
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new SyncException("semaphore set key=" + hex(key) + " semid=" + id + " was never " +
                    "initialised (its creator may have died while creating it): waitedMs=" +
                    INITIALISATION_TIMEOUT_MS + "; remove it with SysVSemaphoreSet.remove(key) or ipcrm -s " + id,
                    Native.EAGAIN);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static boolean removeId(final int key, final int id)
    {
        if (Native.libc().semctl(id, 0, Native.IPC_RMID, 0) == 0)
        {
            return true;
        }
        final int errno = Native.errno();
        if (Native.EINVAL == errno || Native.EIDRM == errno)
        {
            return false;
        }
        throw new SyncException("semctl(IPC_RMID) failed: key=" + hex(key) + " semid=" + id + reason(errno) + ": " +
            Native.describe(errno), errno);
    }

    private static String reason(final int errno)
    {
        switch (errno)
        {
            case Native.EEXIST:
                return " already exists";
            case Native.ENOENT:
                return " does not exist";
            case Native.EACCES:
                return " permission denied (its mode forbids this user)";
            case Native.EPERM:
                return " not permitted (only the owner, the creator or a privileged user may do this)";
            case Native.ENOSPC:
                return " system limit of semaphore sets or semaphores reached (see /proc/sys/kernel/sem)";
            case Native.EINVAL:
                return " invalid (removed, or count larger than the set or than SEMMSL)";
            default:
                return "";
        }
    }
}
