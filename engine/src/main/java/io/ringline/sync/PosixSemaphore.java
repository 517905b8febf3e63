package io.ringline.sync;

import io.ringline.RinglineException;
import io.ringline.os.LibC;
import io.ringline.os.Native;
import io.ringline.os.NativeBuffer;
import io.ringline.os.Owner;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A POSIX named semaphore ({@code sem_open(3)}), named {@code "/ringline-NAME"} and kept by glibc in
 * {@code /dev/shm/sem.ringline-NAME}. It outlives the processes that use it until {@link #unlink()}.
 *
 * <pre>{@code
 * try (PosixSemaphore jobs = PosixSemaphore.openOrCreate("jobs", 0))
 * {
 *     jobs.release();                                   // another process: jobs.tryAcquire(1, SECONDS)
 *     boolean got = jobs.tryAcquire(1, TimeUnit.SECONDS);
 *     jobs.unlink();                                    // the name goes; open handles keep working
 * }
 * }</pre>
 *
 * <p><b>Permissions.</b> A new semaphore is owner-only (0600) unless a mode is given, and gets exactly that mode
 * whatever the umask: {@code sem_open} applies the umask, so the creator then sets the mode on the file itself (it
 * can only be narrower than asked until then, never wider).
 *
 * <p><b>Timeouts</b> run on {@code CLOCK_MONOTONIC} through {@code sem_clockwait} (glibc 2.30+), so a change of the
 * wall clock neither stretches nor cuts them. On an older glibc they fall back to {@code sem_timedwait}, whose
 * deadline is on the wall clock: a wait restarts with the monotonic time that remains if the clock jumps forward,
 * but a backward jump lengthens it.
 *
 * <p><b>Binary.</b> A {@link SemaphoreKind#BINARY} handle reads the value and posts only if it was 0. POSIX has no
 * atomic "post if zero", so the promise is: <em>the value never exceeds 1 as long as no two {@code release()}
 * calls run at the same time</em> (for example, when only the holder of the permit releases it, or when one
 * process signals). Two releases that race can both see 0 and leave the value at 2. Where many processes release
 * concurrently, use {@link SysVSemaphore}, whose binary release is one atomic operation.
 *
 * <p><b>Death.</b> A process that dies holding a permit does not give it back: POSIX semaphores have no undo. Use
 * {@link SysVSemaphore} with {@link SemaphoreKind#MUTEX}, or {@link RobustMutex}, where that matters.
 */
public final class PosixSemaphore implements ProcessSemaphore
{
    /** Mode of a new semaphore unless one is given: owner read and write. */
    public static final int DEFAULT_MODE = 0600;

    private static final int OPEN_ATTEMPTS = 5;
    private static final boolean HAS_CLOCKWAIT = probeClockWait();

    private final String name;
    private final String semName;
    private final SemaphoreKind kind;
    private final boolean creator;
    private final long sem;
    private volatile boolean closed;

    private PosixSemaphore(
        final String name, final String semName, final SemaphoreKind kind, final boolean creator, final long sem)
    {
        this.name = name;
        this.semName = semName;
        this.kind = kind;
        this.creator = creator;
        this.sem = sem;
    }

    /**
     * Creates a counting semaphore, owner-only.
     *
     * @param name         1..200 characters of {@code [A-Za-z0-9_.-]}.
     * @param initialValue permits available at once.
     * @return the new semaphore.
     * @throws SyncException with {@code EEXIST} when it exists.
     */
    public static PosixSemaphore create(final String name, final int initialValue)
    {
        return create(name, initialValue, DEFAULT_MODE, SemaphoreKind.COUNTING);
    }

    /**
     * Creates a semaphore.
     *
     * @param name         1..200 characters of {@code [A-Za-z0-9_.-]}.
     * @param initialValue permits available at once; 0 or 1 for a binary semaphore.
     * @param mode         permission bits, e.g. 0600, set exactly whatever the umask.
     * @param kind         {@link SemaphoreKind#COUNTING} or {@link SemaphoreKind#BINARY}.
     * @return the new semaphore.
     * @throws SyncException with {@code EEXIST} when it exists, {@code EACCES} when /dev/shm refuses.
     */
    public static PosixSemaphore create(
        final String name, final int initialValue, final int mode, final SemaphoreKind kind)
    {
        final String semName = SyncNames.semaphoreName(name);
        checkArguments(semName, initialValue, mode, kind);
        return createExclusive(name, semName, initialValue, mode, kind, true);
    }

    /**
     * Opens an existing semaphore as a counting one.
     *
     * @param name the name it was created with.
     * @return the semaphore.
     * @throws SyncException with {@code ENOENT} when it does not exist, {@code EACCES} when its mode forbids.
     */
    public static PosixSemaphore open(final String name)
    {
        return open(name, SemaphoreKind.COUNTING);
    }

    /**
     * Opens an existing semaphore.
     *
     * @param name the name it was created with.
     * @param kind how this handle releases: {@link SemaphoreKind#COUNTING} or {@link SemaphoreKind#BINARY}.
     * @return the semaphore.
     * @throws SyncException with {@code ENOENT} when it does not exist, {@code EACCES} when its mode forbids.
     */
    public static PosixSemaphore open(final String name, final SemaphoreKind kind)
    {
        final String semName = SyncNames.semaphoreName(name);
        checkArguments(semName, 0, DEFAULT_MODE, kind);
        return openExisting(name, semName, kind, true);
    }

    /**
     * Opens the semaphore, creating a counting, owner-only one when it does not exist.
     *
     * @param name         1..200 characters of {@code [A-Za-z0-9_.-]}.
     * @param initialValue permits of a new semaphore.
     * @return the semaphore; {@link #isCreator()} tells whether this call made it.
     */
    public static PosixSemaphore openOrCreate(final String name, final int initialValue)
    {
        return openOrCreate(name, initialValue, DEFAULT_MODE, SemaphoreKind.COUNTING);
    }

    /**
     * Opens the semaphore, creating it when it does not exist. Whoever creates it sets its value and mode; a
     * process that opens an existing one gets it as it is.
     *
     * @param name         1..200 characters of {@code [A-Za-z0-9_.-]}.
     * @param initialValue permits of a new semaphore; 0 or 1 for a binary semaphore.
     * @param mode         permission bits of a new semaphore, set exactly whatever the umask.
     * @param kind         {@link SemaphoreKind#COUNTING} or {@link SemaphoreKind#BINARY}.
     * @return the semaphore; {@link #isCreator()} tells whether this call made it.
     */
    public static PosixSemaphore openOrCreate(
        final String name, final int initialValue, final int mode, final SemaphoreKind kind)
    {
        final String semName = SyncNames.semaphoreName(name);
        checkArguments(semName, initialValue, mode, kind);
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++)
        {
            final PosixSemaphore created = createExclusive(name, semName, initialValue, mode, kind, false);
            if (null != created)
            {
                return created;
            }
            final PosixSemaphore opened = openExisting(name, semName, kind, false);
            if (null != opened)
            {
                return opened;
            }
        }
        throw new SyncException("semaphore=" + semName + " keeps appearing and disappearing while being opened, " +
            "attempts=" + OPEN_ATTEMPTS, Native.ENOENT);
    }

    /**
     * Removes a semaphore's name. Processes that have it open keep using it; it is freed when the last closes.
     *
     * @param name the name it was created with.
     * @return true when it existed.
     * @throws SyncException when it exists but may not be removed.
     */
    public static boolean unlink(final String name)
    {
        final String semName = SyncNames.semaphoreName(name);
        if (Native.libc().sem_unlink(semName) == 0)
        {
            return true;
        }
        final int errno = Native.errno();
        if (Native.ENOENT == errno)
        {
            return false;
        }
        throw new SyncException("sem_unlink failed: semaphore=" + semName + ": " + Native.describe(errno), errno);
    }

    /**
     * @return the name given at creation, without prefix.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the file glibc keeps the semaphore in: {@code /dev/shm/sem.ringline-NAME}.
     */
    public Path path()
    {
        return SyncNames.semaphorePath(name);
    }

    /**
     * @return true when this handle created the semaphore.
     */
    public boolean isCreator()
    {
        return creator;
    }

    @Override
    public SemaphoreKind kind()
    {
        return kind;
    }

    @Override
    public boolean tryAcquire()
    {
        final long sem = sem();
        final LibC libc = Native.libc();
        while (true)
        {
            if (libc.sem_trywait(sem) == 0)
            {
                return true;
            }
            final int errno = Native.errno();
            if (Native.EAGAIN == errno)
            {
                return false;
            }
            if (Native.EINTR != errno)
            {
                throw failure("sem_trywait", errno);
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
        final long sem = sem();
        final NativeScratch scratch = NativeScratch.current();
        final LibC libc = Native.libc();
        if (HAS_CLOCKWAIT)
        {
            // An absolute deadline: a retry after EINTR waits only for what remains.
            final long deadline = scratch.absolute(Native.CLOCK_MONOTONIC, timeoutNs);
            while (true)
            {
                if (libc.sem_clockwait(sem, Native.CLOCK_MONOTONIC, deadline) == 0)
                {
                    return true;
                }
                final int errno = Native.errno();
                if (Native.ETIMEDOUT == errno)
                {
                    return false;
                }
                if (Native.EINTR != errno)
                {
                    throw failure("sem_clockwait", errno);
                }
            }
        }

        final long deadlineNs = System.nanoTime() + timeoutNs;
        long remainingNs = timeoutNs;
        while (remainingNs > 0)
        {
            if (libc.sem_timedwait(sem, scratch.absolute(Native.CLOCK_REALTIME, remainingNs)) == 0)
            {
                return true;
            }
            final int errno = Native.errno();
            if (Native.ETIMEDOUT != errno && Native.EINTR != errno)
            {
                throw failure("sem_timedwait", errno);
            }
            remainingNs = deadlineNs - System.nanoTime();
        }
        return tryAcquire();
    }

    @Override
    public void acquire()
    {
        final long sem = sem();
        final LibC libc = Native.libc();
        while (libc.sem_wait(sem) != 0)
        {
            final int errno = Native.errno();
            if (Native.EINTR != errno)
            {
                throw failure("sem_wait", errno);
            }
        }
    }

    @Override
    public boolean release()
    {
        final long sem = sem();
        if (SemaphoreKind.BINARY == kind && value() > 0)
        {
            return false;
        }
        post(sem);
        return true;
    }

    @Override
    public int releaseUpTo(final int value)
    {
        final long sem = sem();
        final int target = Math.min(value, SemaphoreKind.BINARY == kind ? 1 : Native.SEM_VALUE_MAX);
        int added = 0;
        for (int current = value(); current < target; current++)
        {
            post(sem);
            added++;
        }
        return added;
    }

    private void post(final long sem)
    {
        if (Native.libc().sem_post(sem) != 0)
        {
            final int errno = Native.errno();
            if (Native.EOVERFLOW == errno)
            {
                throw new SyncException("sem_post failed: semaphore=" + semName + " would exceed SEM_VALUE_MAX=" +
                    Native.SEM_VALUE_MAX + ": " + Native.describe(errno), errno);
            }
            throw failure("sem_post", errno);
        }
    }

    @Override
    public int value()
    {
        final long sem = sem();
        final NativeBuffer out = NativeScratch.current().intOut;
        if (Native.libc().sem_getvalue(sem, out.address()) != 0)
        {
            throw failure("sem_getvalue", Native.errno());
        }
        return Math.max(0, out.buffer().getInt(0));
    }

    /**
     * Checks who owns the semaphore this handle opened, for a caller that found it already there rather than created
     * it: a semaphore of another user may be posted by that user, to wake (or starve) the waiters. glibc keeps the
     * semaphore in a file that {@code sem_open} opened and closed again, so the file is opened once more, without
     * following a link, and the owner read from that descriptor ({@link Owner#checkDescriptor}); a file that cannot
     * be opened (gone, a link) is refused. The handle stays open either way: the caller closes it on refusal.
     *
     * @param context     what the semaphore serves, for the message, e.g. {@code "channel=shm:orders"}.
     * @param expectedUid the uid that must own it, or {@link Owner#ANY_UID} to accept any owner.
     * @throws io.ringline.RinglineException naming both uids when another user owns it, or the reason when its owner
     *                                       cannot be read.
     */
    public void checkOwner(final String context, final int expectedUid)
    {
        if (Owner.ANY_UID == expectedUid)
        {
            return;
        }
        final Path path = path();
        final String subject = context + " semaphore=" + semName + " file=" + path;
        final int fd = Native.libc().open(path.toString(), Native.O_RDONLY | Native.O_NOFOLLOW | Native.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw new RinglineException(subject + ": its owner could not be established (" +
                Native.describe(Native.errno()) + "), so it is refused");
        }
        try
        {
            Owner.checkDescriptor(subject, expectedUid, fd);
        }
        finally
        {
            Native.libc().close(fd);
        }
    }

    /**
     * Removes this semaphore's name ({@link #unlink(String)}); this handle stays usable until closed.
     *
     * @return true when the name still existed.
     */
    public boolean unlink()
    {
        return unlink(name);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            if (Native.libc().sem_close(sem) != 0)
            {
                throw failure("sem_close", Native.errno());
            }
        }
    }

    @Override
    public String toString()
    {
        return "PosixSemaphore{semaphore=" + semName + " kind=" + kind + " closed=" + closed + "}";
    }

    private long sem()
    {
        if (closed)
        {
            throw new IllegalStateException("semaphore=" + semName + " is closed");
        }
        return sem;
    }

    private SyncException failure(final String call, final int errno)
    {
        return new SyncException(call + " failed: semaphore=" + semName + ": " + Native.describe(errno), errno);
    }

    private static void checkArguments(
        final String semName, final int initialValue, final int mode, final SemaphoreKind kind)
    {
        if (SemaphoreKind.MUTEX == kind)
        {
            throw new IllegalArgumentException("semaphore=" + semName + " kind=MUTEX needs SEM_UNDO, which POSIX " +
                "semaphores do not have: use SysVSemaphoreSet or RobustMutex");
        }
        final int max = SemaphoreKind.BINARY == kind ? 1 : Native.SEM_VALUE_MAX;
        if (initialValue < 0 || initialValue > max)
        {
            throw new IllegalArgumentException("semaphore=" + semName + " kind=" + kind + " initialValue=" +
                initialValue + " out of range [0, " + max + "]");
        }
        if ((mode & ~0777) != 0)
        {
            throw new IllegalArgumentException("semaphore=" + semName + " mode=0" + Integer.toOctalString(mode) +
                " has bits outside 0777");
        }
    }

    // Returns null when it already exists and the caller asked for openOrCreate.
    private static PosixSemaphore createExclusive(
        final String name,
        final String semName,
        final int initialValue,
        final int mode,
        final SemaphoreKind kind,
        final boolean existsIsError)
    {
        final long sem = Native.libc().sem_open(semName, Native.O_CREAT | Native.O_EXCL, mode, initialValue);
        if (0 == sem)
        {
            final int errno = Native.errno();
            if (Native.EEXIST == errno && !existsIsError)
            {
                return null;
            }
            throw openFailure(semName, "O_CREAT|O_EXCL mode=0" + Integer.toOctalString(mode), errno);
        }
        final PosixSemaphore semaphore = new PosixSemaphore(name, semName, kind, true, sem);
        try
        {
            setMode(SyncNames.semaphorePath(name), mode);
        }
        catch (final RuntimeException ex)
        {
            semaphore.close();
            unlink(name);
            throw ex;
        }
        return semaphore;
    }

    // Returns null when it does not exist and the caller asked for openOrCreate.
    private static PosixSemaphore openExisting(
        final String name, final String semName, final SemaphoreKind kind, final boolean missingIsError)
    {
        final long sem = Native.libc().sem_open(semName, 0, 0, 0);
        if (0 == sem)
        {
            final int errno = Native.errno();
            if (Native.ENOENT == errno && !missingIsError)
            {
                return null;
            }
            throw openFailure(semName, "0", errno);
        }
        return new PosixSemaphore(name, semName, kind, false, sem);
    }

    private static SyncException openFailure(final String semName, final String flags, final int errno)
    {
        final String reason;
        switch (errno)
        {
            case Native.EEXIST:
                reason = " already exists";
                break;
            case Native.ENOENT:
                reason = " does not exist";
                break;
            case Native.EACCES:
                reason = " permission denied (its mode or /dev/shm's forbids this user)";
                break;
            case Native.ENAMETOOLONG:
                reason = " name is too long for this system";
                break;
            default:
                reason = "";
                break;
        }
        return new SyncException("sem_open failed: semaphore=" + semName + " flags=" + flags + reason + ": " +
            Native.describe(errno), errno);
    }

    // sem_open applies the umask; set the mode asked for on the file glibc made. It is ours: we created it
    // exclusively, and /dev/shm's sticky bit stops anyone else from replacing it.
    private static void setMode(final Path path, final int mode)
    {
        try
        {
            if (Files.isSymbolicLink(path))
            {
                throw new SyncException("file=" + path + " is a symbolic link; Ringline does not follow links",
                    Native.EINVAL);
            }
            Files.setPosixFilePermissions(path, permissions(mode));
        }
        catch (final NoSuchFileException ex)
        {
            // Not glibc's layout (or unlinked at once by another process): the umask's mode stays.
        }
        catch (final IOException ex)
        {
            throw new SyncException("file=" + path + " mode=0" + Integer.toOctalString(mode) +
                " could not be set: " + ex, 0);
        }
    }

    private static Set<PosixFilePermission> permissions(final int mode)
    {
        final Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        final PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int i = 0; i < bits.length; i++)
        {
            if ((mode & (0400 >> i)) != 0)
            {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    private static boolean probeClockWait()
    {
        // An invalid clock id makes glibc fail with EINVAL before it touches the semaphore; a libc without the
        // function throws UnsatisfiedLinkError.
        try
        {
            final NativeBuffer scratch = new NativeBuffer(64);
            Native.libc().sem_clockwait(scratch.address(), -1, scratch.address() + 32);
            final boolean present = Native.EINVAL == Native.errno();
            Reference.reachabilityFence(scratch);
            return present;
        }
        catch (final UnsatisfiedLinkError ex)
        {
            return false;
        }
    }
}
