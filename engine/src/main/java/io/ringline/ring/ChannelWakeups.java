package io.ringline.ring;

import io.ringline.RinglineException;
import io.ringline.os.Futex;
import io.ringline.os.Native;
import io.ringline.os.Owner;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.agrona.concurrent.AtomicBuffer;

import static io.ringline.ring.RingDescriptor.*;

/**
 * Sleeping and waking on one channel, for the blocking {@link WaitMode}s. One per mapped channel per process.
 *
 * <p>The protocol closes the check-then-sleep race without a fence on the publisher's common path:
 * <ol>
 *   <li>A subscriber about to sleep reads the wake sequence, increments the sleeper counts (atomic, a full fence), and
 *   reads the tail: if a publisher has claimed anything past its position it does not sleep. Otherwise it sleeps on
 *   the futex with the sequence it read (the kernel compares it atomically), or on the semaphore.</li>
 *   <li>A publisher's claim is itself a full fence (compare-and-set of the tail; an exclusive publisher on a channel
 *   with wakeups stores the tail volatile). After committing, it reads the sleeper count: non-zero, it increments the
 *   wake sequence and wakes the futex, and posts the semaphores.</li>
 * </ol>
 * Either the subscriber's read of the tail sees the claim, or the publisher's read of the count sees the sleeper;
 * and a wake that lands between the subscriber's read of the sequence and its sleep changes the sequence, so the
 * futex wait returns at once. Semaphore posts are counted, so none is lost either.
 */
final class ChannelWakeups
{
    private static final int SEMBUF_LENGTH = 6;

    private final RingChannel channel;
    private final AtomicBuffer meta;
    private final long wakeSequenceAddress;
    private final int perm;
    private final int expectedOwnerUid;
    private Pointer posixSemaphore;
    private int sysvSemaphoreId = -1;

    ChannelWakeups(final RingChannel channel, final int perm, final int expectedOwnerUid)
    {
        this.expectedOwnerUid = expectedOwnerUid;
        this.channel = channel;
        this.meta = channel.meta;
        this.wakeSequenceAddress = meta.addressOffset() + WAKE_SEQUENCE_OFFSET;
        this.perm = perm;
    }

    static String posixSemaphoreName(final long salt)
    {
        return "/ringline-wake-" + Long.toHexString(salt);
    }

    /**
     * Publisher side, after a commit that saw sleepers: wake every mode that has any.
     *
     * @param sembuf a 6-byte scratch of the calling publisher.
     */
    void wake(final Pointer sembuf)
    {
        if (meta.getIntVolatile(FUTEX_SLEEPERS_OFFSET) != 0)
        {
            meta.getAndAddInt(WAKE_SEQUENCE_OFFSET, 1);
            Futex.wake(wakeSequenceAddress, Integer.MAX_VALUE);
        }
        final int posixSleepers = meta.getIntVolatile(POSIXSEM_SLEEPERS_OFFSET);
        if (posixSleepers != 0)
        {
            postPosix(posixSleepers);
        }
        final int sysvSleepers = meta.getIntVolatile(SYSVSEM_SLEEPERS_OFFSET);
        if (sysvSleepers != 0)
        {
            postSysV(sembuf, sysvSleepers);
        }
    }

    /**
     * Wakes every sleeper of a mode once, e.g. when one of them is being closed.
     */
    void wakeAll(final WaitMode mode, final Pointer sembuf)
    {
        switch (mode)
        {
            case FUTEX:
                meta.getAndAddInt(WAKE_SEQUENCE_OFFSET, 1);
                Futex.wake(wakeSequenceAddress, Integer.MAX_VALUE);
                break;
            case POSIXSEM:
                postPosix(Math.max(1, meta.getIntVolatile(POSIXSEM_SLEEPERS_OFFSET)));
                break;
            case SYSVSEM:
                postSysV(sembuf, Math.max(1, meta.getIntVolatile(SYSVSEM_SLEEPERS_OFFSET)));
                break;
            default:
                break;
        }
    }

    private void postPosix(final int sleepers)
    {
        final Pointer semaphore = posixSemaphore();
        final int[] value = new int[1];
        Native.libc().sem_getvalue(semaphore, value);
        for (int i = value[0]; i < sleepers; i++)
        {
            Native.libc().sem_post(semaphore);
        }
    }

    private void postSysV(final Pointer sembuf, final int count)
    {
        sembuf.putShort(0, (short)0);
        sembuf.putShort(2, (short)count);
        sembuf.putShort(4, (short)0);
        Native.libc().semtimedop(sysvSemaphoreId(), sembuf, 1, null);
    }

    synchronized Pointer posixSemaphore()
    {
        if (null == posixSemaphore)
        {
            final String name = posixSemaphoreName(channel.salt);
            Pointer semaphore = Native.libc().sem_open(name, Native.O_CREAT | Native.O_EXCL, perm, 0);
            if (isOpen(semaphore))
            {
                setSemaphoreMode(name);
            }
            else if (Native.errno() == Native.EEXIST)
            {
                semaphore = Native.libc().sem_open(name, 0, 0, 0);
                if (isOpen(semaphore))
                {
                    checkSemaphoreOwner(name, semaphore);
                }
            }
            if (!isOpen(semaphore))
            {
                throw new RinglineException("channel=" + channel.name + " semaphore=" + name +
                    " could not be opened: " + Native.describe(Native.errno()));
            }
            posixSemaphore = semaphore;
        }
        return posixSemaphore;
    }

    private static boolean isOpen(final Pointer semaphore)
    {
        return null != semaphore && semaphore.address() != 0;
    }

    /**
     * A semaphore this process did not create must be owned by the channel's user, or anyone may post it and wake
     * (or starve) the sleepers. glibc keeps it in a file that {@code sem_open} opened and closed again, so the file is
     * opened once more ({@code O_NOFOLLOW}) and the owner read from that descriptor; a file gone by then is refused.
     */
    private void checkSemaphoreOwner(final String name, final Pointer semaphore)
    {
        if (expectedOwnerUid == Owner.ANY_UID)
        {
            return;
        }
        final String path = semaphorePath(name);
        final String subject = "channel=" + channel.name + " semaphore=" + name + " file=" + path;
        final int fd = Native.libc().open(path, Native.O_RDONLY | Native.O_NOFOLLOW | Native.O_CLOEXEC, 0);
        try
        {
            if (fd < 0)
            {
                throw new RinglineException(subject + ": its owner could not be established (" +
                    Native.describe(Native.errno()) + "), so it is refused");
            }
            Owner.checkDescriptor(subject, expectedOwnerUid, fd);
        }
        catch (final RuntimeException ex)
        {
            Native.libc().sem_close(semaphore);
            throw ex;
        }
        finally
        {
            if (fd >= 0)
            {
                Native.libc().close(fd);
            }
        }
    }

    private static String semaphorePath(final String name)
    {
        return "/dev/shm/sem." + name.substring(1);
    }

    /**
     * {@code sem_open} applies the umask: set the channel's mode on the file glibc made for the semaphore we just
     * created exclusively (without following a link), so that the umask can neither widen nor narrow it.
     */
    private void setSemaphoreMode(final String name)
    {
        final String path = semaphorePath(name);
        final int fd = Native.libc().open(path, Native.O_RDWR | Native.O_NOFOLLOW | Native.O_CLOEXEC, 0);
        final int error = fd < 0 || Native.libc().fchmod(fd, perm) != 0 ? Native.errno() : 0;
        if (fd >= 0)
        {
            Native.libc().close(fd);
        }
        if (error != 0 && error != Native.ENOENT)
        {
            throw new RinglineException("channel=" + channel.name + " semaphore=" + name + " file=" + path +
                " mode=" + Integer.toOctalString(perm) + " could not be set: " + Native.describe(error));
        }
    }

    synchronized int sysvSemaphoreId()
    {
        if (sysvSemaphoreId < 0)
        {
            int stored = meta.getIntVolatile(SYSVSEM_ID_OFFSET);
            if (stored == 0)
            {
                final int created = Native.libc().semget(0, 1, Native.IPC_CREAT | perm);
                if (created < 0)
                {
                    throw new RinglineException("channel=" + channel.name + " System V semaphore could not be " +
                        "created: " + Native.describe(Native.errno()));
                }
                if (meta.compareAndSetInt(SYSVSEM_ID_OFFSET, 0, created + 1))
                {
                    stored = created + 1;
                }
                else
                {
                    Native.libc().semctl(created, 0, Native.IPC_RMID, 0);
                    stored = meta.getIntVolatile(SYSVSEM_ID_OFFSET);
                }
            }
            checkSysVSemaphoreOwner(stored - 1);
            sysvSemaphoreId = stored - 1;
        }
        return sysvSemaphoreId;
    }

    /**
     * The set's id is read from the channel header, which anyone who may write the channel may change: the set it
     * names must belong to the channel's user (owner and creator), read with {@code IPC_STAT}; a set whose status
     * cannot be read is refused.
     */
    private void checkSysVSemaphoreOwner(final int id)
    {
        if (expectedOwnerUid == Owner.ANY_UID)
        {
            return;
        }
        final String subject = "channel=" + channel.name + " System V semaphore id=" + id;
        final Pointer status = Memory.allocateDirect(Native.runtime(), Native.SEMID_DS_LENGTH);
        if (Native.libc().semctl(id, 0, Native.IPC_STAT, status.address()) != 0)
        {
            throw new RinglineException(subject + ": its owner could not be established (IPC_STAT: " +
                Native.describe(Native.errno()) + "), so it is refused");
        }
        Owner.checkSystemV(subject, expectedOwnerUid, status);
    }

    /**
     * A subscriber's side: sleeps in one mode, with its own scratch memory so that it allocates nothing per sleep.
     */
    final class Sleeper
    {
        private final WaitMode mode;
        private final int modeSleepersOffset;
        private final Futex futex = new Futex();
        private final Pointer timespec = Memory.allocateDirect(Native.runtime(), 16);
        private final Pointer sembuf = Memory.allocateDirect(Native.runtime(), SEMBUF_LENGTH);
        private volatile boolean asleep;

        Sleeper(final WaitMode mode)
        {
            this.mode = mode;
            switch (mode)
            {
                case FUTEX:
                    modeSleepersOffset = FUTEX_SLEEPERS_OFFSET;
                    break;
                case POSIXSEM:
                    modeSleepersOffset = POSIXSEM_SLEEPERS_OFFSET;
                    posixSemaphore();
                    break;
                case SYSVSEM:
                    modeSleepersOffset = SYSVSEM_SLEEPERS_OFFSET;
                    sysvSemaphoreId();
                    break;
                default:
                    throw new IllegalArgumentException("wait=" + mode + " does not sleep");
            }
        }

        /**
         * Sleeps unless a publisher has claimed past {@code position}, for at most {@code timeoutNs}.
         *
         * @param position  the subscriber's position.
         * @param timeoutNs longest sleep, or {@link Long#MAX_VALUE} for no limit (no kernel timer at all).
         * @param closed    checked after registering as a sleeper, so that a close cannot be missed.
         */
        void sleep(final long position, final long timeoutNs, final java.util.function.BooleanSupplier closed)
        {
            final boolean unbounded = timeoutNs == Long.MAX_VALUE;
            final int sequence = meta.getIntVolatile(WAKE_SEQUENCE_OFFSET);
            meta.getAndAddInt(SLEEPERS_OFFSET, 1);
            meta.getAndAddInt(modeSleepersOffset, 1);
            try
            {
                if (channel.tailVolatile() != position || closed.getAsBoolean())
                {
                    return;
                }
                asleep = true;
                switch (mode)
                {
                    case FUTEX:
                        futex.await(wakeSequenceAddress, sequence, unbounded ? -1 : timeoutNs);
                        break;
                    case POSIXSEM:
                        if (unbounded)
                        {
                            Native.libc().sem_wait(posixSemaphore);
                        }
                        else
                        {
                            final long deadlineNs = System.currentTimeMillis() * 1_000_000L + timeoutNs;
                            timespec.putLong(0, deadlineNs / 1_000_000_000L);
                            timespec.putLong(8, deadlineNs % 1_000_000_000L);
                            Native.libc().sem_timedwait(posixSemaphore, timespec);
                        }
                        break;
                    default:
                        timespec.putLong(0, timeoutNs / 1_000_000_000L);
                        timespec.putLong(8, timeoutNs % 1_000_000_000L);
                        sembuf.putShort(0, (short)0);
                        sembuf.putShort(2, (short)-1);
                        sembuf.putShort(4, (short)0);
                        if (Native.libc().semtimedop(sysvSemaphoreId, sembuf, 1, unbounded ? null : timespec) != 0 &&
                            Native.errno() == Native.EIDRM)
                        {
                            throw new RinglineException("channel=" + channel.name +
                                " System V semaphore was removed while a subscriber slept on it");
                        }
                        break;
                }
            }
            finally
            {
                asleep = false;
                meta.getAndAddInt(modeSleepersOffset, -1);
                meta.getAndAddInt(SLEEPERS_OFFSET, -1);
            }
        }

        /**
         * @return true while the owner is inside the kernel wait.
         */
        boolean isAsleep()
        {
            return asleep;
        }

        void wakeAll()
        {
            ChannelWakeups.this.wakeAll(mode, sembuf);
        }
    }

    synchronized void close()
    {
        if (null != posixSemaphore)
        {
            Native.libc().sem_close(posixSemaphore);
            posixSemaphore = null;
        }
    }

    /**
     * Removes the semaphores a channel's header names: its POSIX named semaphore and its System V semaphore.
     *
     * @param meta the channel's header.
     */
    static void removeObjects(final AtomicBuffer meta)
    {
        Native.libc().sem_unlink(posixSemaphoreName(meta.getLong(SALT_OFFSET)));
        final int stored = meta.getIntVolatile(SYSVSEM_ID_OFFSET);
        if (stored != 0)
        {
            Native.libc().semctl(stored - 1, 0, Native.IPC_RMID, 0);
        }
    }
}
