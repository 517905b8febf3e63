package io.ringline.ring;

import io.ringline.RinglineException;
import io.ringline.sync.EventCount;
import io.ringline.sync.PosixSemaphore;
import io.ringline.sync.ProcessSemaphore;
import io.ringline.sync.SemaphoreKind;
import io.ringline.sync.SyncException;
import io.ringline.sync.SysVSemaphoreSet;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.ringline.ring.RingDescriptor.*;

/**
 * The wake-up handshake of one channel, both sides of it: a subscriber's {@link Sleeper} goes to sleep in the kernel
 * when the ring is empty, a publisher's {@link Signaller} wakes it after a commit. One per mapped channel per process.
 * The waiting itself is {@code io.ringline.sync}'s: the futex mode sleeps on the {@link EventCount} over the header's
 * wake sequence, the POSIX mode on the channel's {@link PosixSemaphore} {@code wake-SALT}, the System V mode on
 * semaphore 0 of a private {@link SysVSemaphoreSet} whose id plus one is in the header.
 *
 * <p>The handshake closes the check-then-sleep race without a fence on the publisher's common path (Dekker, both
 * sides fenced):
 * <ol>
 *   <li>The sleeper reads the wake sequence, adds one to the sleeper count of all modes and to its mode's count
 *   (atomic adds, each a full fence), then reads the tail: if a publisher has claimed anything past its position it
 *   does not sleep. Otherwise it sleeps on the event count with the sequence it read (the kernel compares it
 *   atomically with going to sleep), or on its semaphore (posts are counted).</li>
 *   <li>The signaller's claim is itself a full fence: a compare-and-set of the tail, or, for the exclusive publisher
 *   on a channel with wake-ups, a volatile store ({@link Signaller#storeExclusiveTail(long)}). After the commit it
 *   reads the sleeper count once; only when it is not zero does it signal the event count and post each semaphore
 *   up to the count of its sleepers.</li>
 * </ol>
 * Either the sleeper's read of the tail sees the claim, or the signaller's read of the count sees the sleeper; a
 * signal between the sleeper's read of the sequence and its sleep changes the sequence, so the futex wait returns at
 * once, and a post before a semaphore wait is kept for it.
 */
final class Wakeup
{
    /** The sync name prefix of a channel's POSIX semaphore: {@code /ringline-wake-SALT} to {@code sem_open}. */
    private static final String POSIX_NAME_PREFIX = "wake-";

    private final RingChannel channel;
    private final AtomicBuffer meta;
    private final EventCount wakeSequence;
    private final int perm;
    private final int expectedOwnerUid;
    private final String context;
    private volatile PosixSemaphore posixSemaphore;
    private volatile ProcessSemaphore sysvSemaphore;

    /** The publishers' side, one for all the publishers of this channel in this process. */
    final Signaller signaller;

    /**
     * @param channel          the mapped channel, whose header holds the wake-up words.
     * @param perm             mode of the semaphores this process creates.
     * @param expectedOwnerUid who must own a semaphore this process finds, or {@code Owner.ANY_UID}.
     */
    Wakeup(final RingChannel channel, final int perm, final int expectedOwnerUid)
    {
        this.channel = channel;
        this.meta = channel.meta;
        this.wakeSequence = new EventCount().wrap(meta, WAKE_SEQUENCE_OFFSET);
        this.perm = perm;
        this.expectedOwnerUid = expectedOwnerUid;
        this.context = "channel=" + channel.name;
        this.signaller = new Signaller(channel.wakeups);
    }

    /**
     * @param mode a blocking wait mode.
     * @return a new subscriber's side, with its semaphore opened now so that errors surface when subscribing.
     */
    Sleeper sleeper(final WaitMode mode)
    {
        return new Sleeper(mode);
    }

    /**
     * Publisher side: the fence and the check. Allocates nothing.
     */
    final class Signaller
    {
        private final boolean enabled;

        private Signaller(final boolean enabled)
        {
            this.enabled = enabled;
        }

        /**
         * Publishes the exclusive publisher's new tail: with release when the channel has no wake-ups, else with a
         * volatile store, the full fence the handshake needs before {@link #afterCommit()} reads the sleepers (a
         * concurrent publisher's compare-and-set of the tail is one already).
         *
         * @param tail the tail after the claim.
         */
        void storeExclusiveTail(final long tail)
        {
            if (enabled)
            {
                meta.putLongVolatile(TAIL_OFFSET, tail);
            }
            else
            {
                meta.putLongRelease(TAIL_OFFSET, tail);
            }
        }

        /**
         * After a commit: one read of the sleeper count, and the wake-ups only when it is not zero.
         */
        void afterCommit()
        {
            if (enabled && meta.getIntVolatile(SLEEPERS_OFFSET) != 0)
            {
                wakeSleepers();
            }
        }

        private void wakeSleepers()
        {
            wakeSequence.signal(); // always: a futex sleeper counts itself as the event's waiter only once asleep
            final int posixSleepers = meta.getIntVolatile(POSIXSEM_SLEEPERS_OFFSET);
            if (posixSleepers != 0)
            {
                posixSemaphore().releaseUpTo(posixSleepers);
            }
            final int sysvSleepers = meta.getIntVolatile(SYSVSEM_SLEEPERS_OFFSET);
            if (sysvSleepers != 0)
            {
                sysvSemaphore().releaseUpTo(sysvSleepers);
            }
        }
    }

    /**
     * Subscriber side: sleeps in one mode. Allocates nothing per sleep.
     */
    final class Sleeper
    {
        private final WaitMode mode;
        private final int modeSleepersOffset;
        private final ProcessSemaphore semaphore;
        private volatile boolean asleep;

        private Sleeper(final WaitMode mode)
        {
            this.mode = mode;
            switch (mode)
            {
                case FUTEX:
                    modeSleepersOffset = FUTEX_WAITERS_OFFSET; // counted by the event count, as it sleeps
                    semaphore = null;
                    break;
                case POSIXSEM:
                    modeSleepersOffset = POSIXSEM_SLEEPERS_OFFSET;
                    semaphore = posixSemaphore();
                    break;
                case SYSVSEM:
                    modeSleepersOffset = SYSVSEM_SLEEPERS_OFFSET;
                    semaphore = sysvSemaphore();
                    break;
                default:
                    throw new IllegalArgumentException("wait=" + mode + " does not sleep, " + context);
            }
        }

        /**
         * Waits for the record at {@code position}, which a publisher has not committed yet: yields while it is
         * claimed (the publisher is writing it), else sleeps unless the handshake finds a claim, for at most
         * {@code timeoutNs}. Returns early on any wake-up: the caller polls again.
         *
         * @param position  the subscriber's position.
         * @param timeoutNs longest sleep, or {@link Long#MAX_VALUE} for no limit (no kernel timer at all).
         * @param closed    checked after registering as a sleeper, so that a close cannot be missed.
         */
        void await(final long position, final long timeoutNs, final BooleanSupplier closed)
        {
            if (channel.tailVolatile() != position)
            {
                Thread.yield();
                return;
            }
            final int sequence = wakeSequence.sequence();
            meta.getAndAddInt(SLEEPERS_OFFSET, 1);
            final boolean counted = null != semaphore; // a semaphore's waker must know how many to post for
            if (counted)
            {
                meta.getAndAddInt(modeSleepersOffset, 1);
            }
            try
            {
                if (channel.tailVolatile() != position || closed.getAsBoolean())
                {
                    return;
                }
                asleep = true;
                sleep(sequence, timeoutNs);
            }
            finally
            {
                asleep = false;
                if (counted)
                {
                    meta.getAndAddInt(modeSleepersOffset, -1);
                }
                meta.getAndAddInt(SLEEPERS_OFFSET, -1);
            }
        }

        private void sleep(final int sequence, final long timeoutNs)
        {
            final boolean unbounded = Long.MAX_VALUE == timeoutNs;
            if (null == semaphore)
            {
                if (unbounded)
                {
                    wakeSequence.await(sequence);
                }
                else
                {
                    wakeSequence.await(sequence, timeoutNs, TimeUnit.NANOSECONDS);
                }
            }
            else if (unbounded)
            {
                semaphore.acquire();
            }
            else
            {
                semaphore.tryAcquire(timeoutNs, TimeUnit.NANOSECONDS);
            }
        }

        /**
         * @return true while the owner is inside the kernel wait, or about to enter it.
         */
        boolean isAsleep()
        {
            return asleep;
        }

        /**
         * Wakes every sleeper of this mode once, whether or not a record came: when one of them is being closed, or
         * when a publisher died between its commit and its wake-up.
         */
        void wakeAll()
        {
            if (null == semaphore)
            {
                wakeSequence.signal();
            }
            else
            {
                semaphore.releaseUpTo(Math.max(1, meta.getIntVolatile(modeSleepersOffset)));
            }
        }
    }

    private PosixSemaphore posixSemaphore()
    {
        final PosixSemaphore semaphore = posixSemaphore;
        return null != semaphore ? semaphore : openPosixSemaphore();
    }

    private synchronized PosixSemaphore openPosixSemaphore()
    {
        if (null == posixSemaphore)
        {
            final PosixSemaphore semaphore = open(() -> PosixSemaphore.openOrCreate(
                posixSemaphoreName(channel.salt), 0, perm, SemaphoreKind.COUNTING));
            if (!semaphore.isCreator())
            {
                try
                {
                    semaphore.checkOwner(context, expectedOwnerUid);
                }
                catch (final RuntimeException ex)
                {
                    semaphore.close();
                    throw ex;
                }
            }
            posixSemaphore = semaphore;
        }
        return posixSemaphore;
    }

    private ProcessSemaphore sysvSemaphore()
    {
        final ProcessSemaphore semaphore = sysvSemaphore;
        return null != semaphore ? semaphore : openSysVSemaphore();
    }

    /**
     * The first process that needs the set creates it and publishes its id with a compare-and-set from 0; a loser
     * removes its own set. A set found in the header, which anyone who may write the channel may change, is
     * {@link SysVSemaphoreSet#checkOwner checked}: it must belong to the channel's user.
     */
    private synchronized ProcessSemaphore openSysVSemaphore()
    {
        if (null == sysvSemaphore)
        {
            SysVSemaphoreSet set = null;
            if (meta.getIntVolatile(SYSVSEM_ID_OFFSET) == 0)
            {
                final SysVSemaphoreSet created = open(() -> SysVSemaphoreSet.createPrivate(1, perm));
                if (meta.compareAndSetInt(SYSVSEM_ID_OFFSET, 0, created.id() + 1))
                {
                    set = created;
                }
                else
                {
                    created.remove();
                }
            }
            if (null == set)
            {
                final int id = meta.getIntVolatile(SYSVSEM_ID_OFFSET) - 1;
                set = open(() -> SysVSemaphoreSet.openId(id));
                set.checkOwner(context, expectedOwnerUid);
            }
            sysvSemaphore = set.semaphore(0, SemaphoreKind.COUNTING);
        }
        return sysvSemaphore;
    }

    private <T> T open(final java.util.function.Supplier<T> opener)
    {
        try
        {
            return opener.get();
        }
        catch (final SyncException ex)
        {
            throw new RinglineException(context + " wake-up semaphore could not be opened: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param salt the channel's salt.
     * @return the sync name of the channel's POSIX semaphore: {@code sem_open} gets {@code /ringline-wake-SALT}.
     */
    static String posixSemaphoreName(final long salt)
    {
        return POSIX_NAME_PREFIX + Long.toHexString(salt);
    }

    /**
     * Releases this process's semaphore handles; the semaphores stay for the channel's other users.
     */
    synchronized void close()
    {
        if (null != posixSemaphore)
        {
            posixSemaphore.close();
            posixSemaphore = null;
        }
        if (null != sysvSemaphore)
        {
            sysvSemaphore.close();
            sysvSemaphore = null;
        }
    }

    /**
     * Removes the semaphores a channel's header names: its POSIX named semaphore and its System V set. Both words
     * (salt, set id) are at the same offsets in every layout version, so an old channel's are removed too.
     *
     * @param meta the channel's header.
     */
    static void removeObjects(final AtomicBuffer meta)
    {
        try
        {
            PosixSemaphore.unlink(posixSemaphoreName(meta.getLong(SALT_OFFSET)));
        }
        catch (final SyncException ex)
        {
            // another user's: not ours to remove
        }
        final int stored = meta.getIntVolatile(SYSVSEM_ID_OFFSET);
        if (stored != 0)
        {
            try (SysVSemaphoreSet set = SysVSemaphoreSet.openId(stored - 1))
            {
                set.remove();
            }
            catch (final SyncException ex)
            {
                // gone already, or not ours to remove
            }
        }
    }
}
