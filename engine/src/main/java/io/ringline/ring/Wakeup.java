package io.ringline.ring;

import io.ringline.RinglineException;
import io.ringline.sync.EventCount;
import io.ringline.sync.EventCountDescriptor;
import io.ringline.sync.PosixSemaphore;
import io.ringline.sync.ProcessSemaphore;
import io.ringline.sync.SemaphoreKind;
import io.ringline.sync.SyncException;
import io.ringline.sync.SysVSemaphoreSet;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.ringline.ring.RingDescriptor.*;

/**
 * The wake-up handshake of one channel, both sides of it: a subscriber's {@link Sleeper} goes to sleep in the kernel
 * when it has read everything, a publisher's {@link Signaller} wakes it after a commit. One per mapped channel per
 * process: the ring's, and the journal's (over its own words, {@link Words}), which share the claim-by-tail protocol.
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
public final class Wakeup
{
    /** The sync name prefix of a channel's POSIX semaphore: {@code /ringline-wake-SALT} to {@code sem_open}. */
    private static final String POSIX_NAME_PREFIX = "wake-";
    /** A time left beyond which a sleep is unbounded (no kernel timer): half of {@code Long.MAX_VALUE}. */
    private static final long FOREVER_NS = Long.MAX_VALUE / 2;

    /**
     * Where a channel's header keeps the handshake's words: the tail publishers claim by, the event count (whose
     * waiters word follows its sequence), and the sleeper counts and System V set id.
     *
     * @param tailOffset          the tail, an int64 that publishers advance with a full fence.
     * @param sequenceOffset      the {@link EventCount}'s sequence; its waiters word follows.
     * @param sleepersOffset      the count of sleepers in any mode.
     * @param posixSleepersOffset the count of sleepers on the POSIX semaphore.
     * @param sysvSleepersOffset  the count of sleepers on the System V semaphore.
     * @param sysvIdOffset        the System V set id plus one.
     */
    public record Words(int tailOffset, int sequenceOffset, int sleepersOffset, int posixSleepersOffset,
        int sysvSleepersOffset, int sysvIdOffset)
    {
    }

    /** The ring header's words ({@link RingDescriptor}). */
    static final Words RING_WORDS = new Words(TAIL_OFFSET, WAKE_SEQUENCE_OFFSET, SLEEPERS_OFFSET,
        POSIXSEM_SLEEPERS_OFFSET, SYSVSEM_SLEEPERS_OFFSET, SYSVSEM_ID_OFFSET);

    private final AtomicBuffer meta;
    private final long salt;
    private final int tailOffset;
    private final int sleepersOffset;
    private final int posixSleepersOffset;
    private final int sysvSleepersOffset;
    private final int sysvIdOffset;
    private final int futexWaitersOffset;
    private final EventCount wakeSequence;
    private final int perm;
    private final int expectedOwnerUid;
    private final String context;
    private volatile PosixSemaphore posixSemaphore;
    private volatile ProcessSemaphore sysvSemaphore;

    private final Signaller signaller;

    /**
     * @param context          the channel, for messages: {@code channel=NAME} or {@code journal=NAME}.
     * @param meta             the mapped header holding the words.
     * @param words            where they are.
     * @param salt             the channel's salt, naming its POSIX semaphore.
     * @param enabled          whether publishers check for sleepers at all (a ring created without wake-ups: not).
     * @param perm             mode of the semaphores this process creates.
     * @param expectedOwnerUid who must own a semaphore this process finds, or {@code Owner.ANY_UID}.
     */
    public Wakeup(
        final String context,
        final AtomicBuffer meta,
        final Words words,
        final long salt,
        final boolean enabled,
        final int perm,
        final int expectedOwnerUid)
    {
        this.meta = meta;
        this.salt = salt;
        this.tailOffset = words.tailOffset();
        this.sleepersOffset = words.sleepersOffset();
        this.posixSleepersOffset = words.posixSleepersOffset();
        this.sysvSleepersOffset = words.sysvSleepersOffset();
        this.sysvIdOffset = words.sysvIdOffset();
        this.futexWaitersOffset = words.sequenceOffset() + EventCountDescriptor.WAITERS_OFFSET;
        this.wakeSequence = new EventCount().wrap(meta, words.sequenceOffset());
        this.perm = perm;
        this.expectedOwnerUid = expectedOwnerUid;
        this.context = context;
        this.signaller = new Signaller(enabled);
    }

    /**
     * @return the publishers' side, one for all the publishers of this channel in this process.
     */
    public Signaller signaller()
    {
        return signaller;
    }

    /**
     * @param mode a blocking wait mode.
     * @return a new subscriber's side, with its semaphore opened now so that errors surface when subscribing.
     */
    public Sleeper sleeper(final WaitMode mode)
    {
        return new Sleeper(mode);
    }

    /**
     * Publisher side: the fence and the check. Allocates nothing.
     */
    public final class Signaller
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
                meta.putLongVolatile(tailOffset, tail);
            }
            else
            {
                meta.putLongRelease(tailOffset, tail);
            }
        }

        /**
         * After a commit: one read of the sleeper count, and the wake-ups only when it is not zero.
         */
        public void afterCommit()
        {
            if (enabled && meta.getIntVolatile(sleepersOffset) != 0)
            {
                wakeSleepers();
            }
        }

        private void wakeSleepers()
        {
            wakeSequence.signal(); // always: a futex sleeper counts itself as the event's waiter only once asleep
            final int posixSleepers = meta.getIntVolatile(posixSleepersOffset);
            if (posixSleepers != 0)
            {
                posixSemaphore().releaseUpTo(posixSleepers);
            }
            final int sysvSleepers = meta.getIntVolatile(sysvSleepersOffset);
            if (sysvSleepers != 0)
            {
                sysvSemaphore().releaseUpTo(sysvSleepers);
            }
        }
    }

    /**
     * The one wait of a ring's or journal's subscriber in {@code receive}: the idle strategy when it does not sleep,
     * else a sleep bounded by the deadline ({@link Long#MAX_VALUE}, no kernel timer, when more than
     * half of {@code Long.MAX_VALUE} are left, as with {@code receive(handler, limit, Long.MAX_VALUE)}).
     *
     * @param sleeper      the subscriber's sleeper, or null when its wait mode does not sleep.
     * @param idleStrategy used when {@code sleeper} is null.
     * @param position     the subscriber's position.
     * @param deadlineNs   {@link System#nanoTime()} at which {@code receive} gives up.
     * @param closed       the subscriber's closed flag, see {@link Sleeper#await}.
     */
    public static void idleOrSleep(
        final Sleeper sleeper,
        final IdleStrategy idleStrategy,
        final long position,
        final long deadlineNs,
        final BooleanSupplier closed)
    {
        if (null == sleeper)
        {
            idleStrategy.idle();
            return;
        }
        final long leftNs = deadlineNs - System.nanoTime();
        sleeper.await(position, leftNs > FOREVER_NS ? Long.MAX_VALUE : leftNs, closed);
    }

    /**
     * Subscriber side: sleeps in one mode. Allocates nothing per sleep.
     */
    public final class Sleeper
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
                    modeSleepersOffset = futexWaitersOffset; // counted by the event count, as it sleeps
                    semaphore = null;
                    break;
                case POSIXSEM:
                    modeSleepersOffset = posixSleepersOffset;
                    semaphore = posixSemaphore();
                    break;
                case SYSVSEM:
                    modeSleepersOffset = sysvSleepersOffset;
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
        public void await(final long position, final long timeoutNs, final BooleanSupplier closed)
        {
            if (meta.getLongVolatile(tailOffset) != position)
            {
                Thread.yield();
                return;
            }
            final int sequence = wakeSequence.sequence();
            meta.getAndAddInt(sleepersOffset, 1);
            final boolean counted = null != semaphore; // a semaphore's waker must know how many to post for
            if (counted)
            {
                meta.getAndAddInt(modeSleepersOffset, 1);
            }
            try
            {
                if (meta.getLongVolatile(tailOffset) != position || closed.getAsBoolean())
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
                meta.getAndAddInt(sleepersOffset, -1);
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
        public boolean isAsleep()
        {
            return asleep;
        }

        /**
         * Wakes every sleeper of this mode once, whether or not a record came: when one of them is being closed, or
         * when a publisher died between its commit and its wake-up.
         */
        public void wakeAll()
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
                posixSemaphoreName(salt), 0, perm, SemaphoreKind.COUNTING));
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
            if (meta.getIntVolatile(sysvIdOffset) == 0)
            {
                final SysVSemaphoreSet created = open(() -> SysVSemaphoreSet.createPrivate(1, perm));
                if (meta.compareAndSetInt(sysvIdOffset, 0, created.id() + 1))
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
                final int id = meta.getIntVolatile(sysvIdOffset) - 1;
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
    public synchronized void close()
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
     * Removes the semaphores a ring's header names: its POSIX named semaphore and its System V set. Both words
     * (salt, set id) are at the same offsets in every layout version, so an old channel's are removed too.
     *
     * @param meta the channel's header.
     */
    static void removeObjects(final AtomicBuffer meta)
    {
        removeObjects(meta.getLong(SALT_OFFSET), meta.getIntVolatile(SYSVSEM_ID_OFFSET));
    }

    /**
     * Removes a channel's semaphores: the POSIX named semaphore of its salt and the System V set it stored.
     *
     * @param salt   the channel's salt.
     * @param stored the System V set id plus one from the channel's header, 0 for none.
     */
    public static void removeObjects(final long salt, final int stored)
    {
        try
        {
            PosixSemaphore.unlink(posixSemaphoreName(salt));
        }
        catch (final SyncException ex)
        {
            // another user's: not ours to remove
        }
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
