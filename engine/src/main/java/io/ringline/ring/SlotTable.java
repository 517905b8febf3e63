package io.ringline.ring;

import io.ringline.RinglineException;
import io.ringline.os.ProcessIdentity;

import static io.ringline.ring.SubscriberSlotDescriptor.ACTIVE;
import static io.ringline.ring.SubscriberSlotDescriptor.CLAIMED;
import static io.ringline.ring.SubscriberSlotDescriptor.FREE;
import static io.ringline.ring.SubscriberSlotDescriptor.generation;
import static io.ringline.ring.SubscriberSlotDescriptor.state;
import static io.ringline.ring.SubscriberSlotDescriptor.stateWord;

/**
 * Registration, release and eviction of the publisher and subscriber slots of a {@link RingChannel}. Nothing here is
 * on the hot path. Slot state words follow {@link SubscriberSlotDescriptor}: changed only by compare-and-set, the
 * generation bumped on every claim so that a stale evictor can never free a newer owner's slot.
 */
final class SlotTable
{
    /** What {@link #claimIfFree} returns for a slot it did not claim: a state word is never 0 once claimed. */
    private static final long NOT_CLAIMED = 0;

    /** A {@code watchingSinceNs} for {@link #isStale} where no conductor watches: a heartbeat's age alone decides. */
    static final long WATCHING_ALWAYS = Long.MIN_VALUE;

    private SlotTable()
    {
    }

    /**
     * Claims the slot if it is free (the next generation, CLAIMED, by compare-and-set), then stamps it with this
     * process's identity and the heartbeat.
     *
     * @return the claimed state word, or {@link #NOT_CLAIMED} when the slot was taken or another process won it.
     */
    private static long claimIfFree(final OwnedSlot slot, final long nowNs)
    {
        final long word = slot.stateWordVolatile();
        final long claimed = stateWord(generation(word) + 1, CLAIMED);
        if (state(word) != FREE || !slot.compareAndSetStateWord(word, claimed))
        {
            return NOT_CLAIMED;
        }
        slot.pid(ProcessIdentity.selfPid());
        slot.startTime(ProcessIdentity.selfStartTime());
        slot.heartbeat(nowNs);
        return claimed;
    }

    /**
     * Claims a subscriber slot and joins at the current tail, or at {@code from} when it is not
     * {@link RingParams#FROM_TAIL}: a record boundary of the last lap whose record is still there (its tag), checked
     * again once the slot is active and holds the publishers back.
     *
     * @return the slot index; its state word is now active.
     */
    static int claimSubscriber(final RingChannel channel, final long nowNs, final long from)
    {
        final SubscriberSlot slot = new SubscriberSlot();
        for (int attempt = 0; attempt < 100; attempt++)
        {
            for (int i = 0; i < channel.subscriberSlots; i++)
            {
                slot.wrap(channel.meta, channel.subscriberSlotOffset(i));
                final long claimed = claimIfFree(slot, nowNs);
                if (NOT_CLAIMED == claimed)
                {
                    continue;
                }
                final int generation = generation(claimed);
                final long joinPosition = from == RingParams.FROM_TAIL ? channel.tailVolatile() : from;
                slot.joinPosition(joinPosition);
                slot.positionVolatile(joinPosition);
                final String unreadable = from == RingParams.FROM_TAIL ? null : unreadable(channel, from);
                if (null == unreadable && slot.compareAndSetStateWord(claimed, stateWord(generation, ACTIVE)))
                {
                    final String overwritten = from == RingParams.FROM_TAIL ? null : unreadable(channel, from);
                    if (null == overwritten)
                    {
                        return i;
                    }
                    release(slot, stateWord(generation, ACTIVE));
                    throw new RinglineException("channel=" + channel.name + " cannot join at from=" + from + ": " +
                        overwritten);
                }
                if (null != unreadable)
                {
                    slot.compareAndSetStateWord(claimed, stateWord(generation, FREE));
                    throw new RinglineException("channel=" + channel.name + " cannot join at from=" + from + ": " +
                        unreadable);
                }
                // Evicted while registering (another process thought we were dead): try again.
            }
        }
        throw new RinglineException("channel=" + channel.name + " has no free subscriber slot: subscribers=" +
            channel.subscriberSlots + " (set subscribers=N in the URI of the process that creates the channel)");
    }

    /**
     * @return why a subscriber cannot read from {@code position}, or null when it can: the tail, or a committed record
     * (its tag is written only by a record at that position) no more than one capacity behind the tail.
     */
    private static String unreadable(final RingChannel channel, final long position)
    {
        final long tail = channel.tailVolatile();
        if (position > tail)
        {
            return "past the tail=" + tail;
        }
        if (position == tail)
        {
            return null;
        }
        if (tail - position > channel.capacity ||
            channel.data.getLongAcquire(((int)position & channel.mask) + RecordDescriptor.TAG_OFFSET) !=
            RecordDescriptor.tag(position, channel.salt))
        {
            return "no record starts there any more (overwritten, or not a record boundary), tail=" + tail +
                " capacity=" + channel.capacity;
        }
        return null;
    }

    /**
     * Claims a publisher slot in the given mode, refusing a mode that conflicts with another open publisher.
     *
     * @return the slot index.
     */
    static int claimPublisher(final RingChannel channel, final int mode, final long nowNs)
    {
        final PublisherSlot slot = new PublisherSlot();
        for (int i = 0; i < channel.publisherSlots; i++)
        {
            slot.wrap(channel.meta, channel.publisherSlotOffset(i));
            final long claimed = claimIfFree(slot, nowNs);
            if (NOT_CLAIMED == claimed)
            {
                continue;
            }
            final int generation = generation(claimed);
            slot.modeVolatile(mode);

            final String conflict = conflictingPublisher(channel, i, mode);
            if (null != conflict)
            {
                slot.compareAndSetStateWord(claimed, stateWord(generation, FREE));
                throw new RinglineException("channel=" + channel.name + " cannot take " +
                    (mode == PublisherSlotDescriptor.EXCLUSIVE ? "an exclusive" : "a concurrent") +
                    " publisher: " + conflict);
            }
            if (slot.compareAndSetStateWord(claimed, stateWord(generation, ACTIVE)))
            {
                return i;
            }
        }
        throw new RinglineException("channel=" + channel.name + " has no free publisher slot: publishers=" +
            channel.publisherSlots + " (set publishers=N in the URI of the process that creates the channel)");
    }

    private static String conflictingPublisher(final RingChannel channel, final int self, final int mode)
    {
        final PublisherSlot slot = new PublisherSlot();
        for (int i = 0; i < channel.publisherSlots; i++)
        {
            if (i == self)
            {
                continue;
            }
            slot.wrap(channel.meta, channel.publisherSlotOffset(i));
            final int state = state(slot.stateWordVolatile());
            if (state == FREE || state == ACTIVE && !slot.isOwnerAlive())
            {
                continue; // a killed publisher's slot stays until its last claim is resolved, but it claims no more
            }
            final int otherMode = slot.modeVolatile();
            if (mode == PublisherSlotDescriptor.EXCLUSIVE || otherMode == PublisherSlotDescriptor.EXCLUSIVE)
            {
                return "publisher slot=" + i + " pid=" + slot.pid() +
                    " is open" + (otherMode == PublisherSlotDescriptor.EXCLUSIVE ? " as the exclusive publisher" : "");
            }
        }
        return null;
    }

    /**
     * Frees a slot this process owns, unless someone evicted it already.
     */
    static void release(final OwnedSlot slot, final long activeWord)
    {
        slot.compareAndSetStateWord(activeWord, stateWord(generation(activeWord), FREE));
    }

    /**
     * Frees a slot whose owner is dead, if the slot still holds the exact state word that was judged.
     *
     * @return true when this call freed it.
     */
    static boolean evict(final OwnedSlot slot, final long judgedWord)
    {
        return slot.compareAndSetStateWord(judgedWord, stateWord(generation(judgedWord), FREE));
    }

    /**
     * Frees every slot, publisher or subscriber, whose process has died, whose pid was reused, or (for active slots)
     * whose heartbeat is stale ({@link #isStale}). A publisher slot is kept while its last claim ends past the
     * slowest subscriber's position: if that claim was never committed, the {@link Unblocker} needs its range, and a
     * restarted publisher that took the slot over would overwrite it and leave the subscribers stuck for good.
     *
     * <p>An active slot whose heartbeat is younger than {@code freshNs} is alive without asking: its owner beat that
     * recently. Only the others get their owner's {@code /proc/PID/stat} read ({@link ProcessIdentity#isAlive}),
     * which takes 30-80 us here for a JVM's many threads; read for every slot on every cycle, it made each cycle of
     * a conductor sharing a CPU with a spinning thread cost that thread up to a millisecond, ten times a second.
     *
     * @param watchingSinceNs {@link io.ringline.RinglineConductor#watchingSinceNs(long)} of this process.
     * @param freshNs         a heartbeat younger than this proves its owner alive: a few heartbeat intervals.
     * @return slots freed.
     */
    static int evictDead(
        final RingChannel channel, final long nowNs, final long watchingSinceNs, final long livenessTimeoutNs,
        final long freshNs)
    {
        final SubscriberSlot subscriber = new SubscriberSlot();
        int subscribers = 0;
        for (int i = 0; i < channel.subscriberSlots; i++)
        {
            subscriber.wrap(channel.meta, channel.subscriberSlotOffset(i));
            subscribers += evictIfDead(subscriber, nowNs, watchingSinceNs, livenessTimeoutNs, freshNs);
        }
        final PublisherSlot publisher = new PublisherSlot();
        int publishers = 0;
        final long slowest = slowestSubscriberPosition(channel, subscriber);
        for (int i = 0; i < channel.publisherSlots; i++)
        {
            publisher.wrap(channel.meta, channel.publisherSlotOffset(i));
            if (publisher.claimEndVolatile() > slowest)
            {
                continue; // its last claim may be uncommitted: the Unblocker needs the range until every reader passes
            }
            publishers += evictIfDead(publisher, nowNs, watchingSinceNs, livenessTimeoutNs, freshNs);
        }
        channel.counters.addSubscriberEvictions(subscribers);
        channel.counters.addPublisherEvictions(publishers);
        return subscribers + publishers;
    }

    /**
     * @return the position of the slowest active subscriber, or {@link Long#MAX_VALUE} when there is none.
     */
    private static long slowestSubscriberPosition(final RingChannel channel, final SubscriberSlot slot)
    {
        long slowest = Long.MAX_VALUE;
        for (int i = 0; i < channel.subscriberSlots; i++)
        {
            slot.wrap(channel.meta, channel.subscriberSlotOffset(i));
            if (state(slot.stateWordVolatile()) == ACTIVE)
            {
                slowest = Math.min(slowest, slot.positionVolatile());
            }
        }
        return slowest;
    }

    /**
     * Is a heartbeat stale? Only time this process watched counts: a heartbeat older than {@code watchingSinceNs}
     * counts from {@code watchingSinceNs}, so that after a stall of this process (or of the whole machine, when
     * CLOCK_MONOTONIC jumps for every process at once) no live peer is judged on time during which its conductor could
     * not run either; nothing is stale while this process's conductor is itself overdue
     * ({@link io.ringline.RinglineConductor#NOT_WATCHING}).
     *
     * @param heartbeat         the owner's last heartbeat.
     * @param nowNs             this process's clock.
     * @param watchingSinceNs   {@link io.ringline.RinglineConductor#watchingSinceNs(long)} of this process.
     * @param livenessTimeoutNs the liveness timeout.
     * @return true when the owner missed its heartbeats for the liveness timeout of watched time.
     */
    static boolean isStale(
        final long heartbeat, final long nowNs, final long watchingSinceNs, final long livenessTimeoutNs)
    {
        return watchingSinceNs != io.ringline.RinglineConductor.NOT_WATCHING &&
            nowNs - heartbeat > livenessTimeoutNs &&
            (watchingSinceNs == WATCHING_ALWAYS || nowNs - watchingSinceNs > livenessTimeoutNs);
    }

    private static int evictIfDead(
        final OwnedSlot slot, final long nowNs, final long watchingSinceNs, final long livenessTimeoutNs,
        final long freshNs)
    {
        final long word = slot.stateWordVolatile();
        final int state = state(word);
        if (state == FREE)
        {
            return 0;
        }
        final long pid = slot.pid();
        final long startTime = slot.startTime();
        final long heartbeat = slot.heartbeatVolatile();
        if (state == ACTIVE && nowNs - heartbeat < freshNs)
        {
            return 0;
        }
        final boolean stale = state == ACTIVE && isStale(heartbeat, nowNs, watchingSinceNs, livenessTimeoutNs);
        if (pid != 0 && (stale || !ProcessIdentity.isAlive(pid, startTime)))
        {
            return evict(slot, word) ? 1 : 0;
        }
        return 0;
    }
}
