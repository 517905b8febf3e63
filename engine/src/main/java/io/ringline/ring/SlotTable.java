package io.ringline.ring;

import io.ringline.RinglineException;
import io.ringline.os.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;

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
    private SlotTable()
    {
    }

    /**
     * Claims a subscriber slot and joins at the current tail.
     *
     * @return the slot index; its state word is now active.
     */
    static int claimSubscriber(final RingChannel channel, final long nowNs)
    {
        final AtomicBuffer meta = channel.meta;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            for (int i = 0; i < channel.subscriberSlots; i++)
            {
                final int slot = channel.subscriberSlotOffset(i);
                final long word = meta.getLongVolatile(slot + SubscriberSlotDescriptor.STATE_OFFSET);
                if (state(word) != FREE)
                {
                    continue;
                }
                final int generation = generation(word) + 1;
                final long claimed = stateWord(generation, CLAIMED);
                if (!meta.compareAndSetLong(slot + SubscriberSlotDescriptor.STATE_OFFSET, word, claimed))
                {
                    continue;
                }
                meta.putLong(slot + SubscriberSlotDescriptor.PID_OFFSET, ProcessIdentity.selfPid());
                meta.putLong(slot + SubscriberSlotDescriptor.START_TIME_OFFSET, ProcessIdentity.selfStartTime());
                meta.putLong(slot + SubscriberSlotDescriptor.HEARTBEAT_OFFSET, nowNs);
                final long joinPosition = channel.tailVolatile();
                meta.putLong(slot + SubscriberSlotDescriptor.JOIN_POSITION_OFFSET, joinPosition);
                meta.putLongVolatile(slot + SubscriberSlotDescriptor.POSITION_OFFSET, joinPosition);
                if (meta.compareAndSetLong(
                    slot + SubscriberSlotDescriptor.STATE_OFFSET, claimed, stateWord(generation, ACTIVE)))
                {
                    return i;
                }
                // Evicted while registering (another process thought we were dead): try again.
            }
        }
        throw new RinglineException("channel=" + channel.name + " has no free subscriber slot: subscribers=" +
            channel.subscriberSlots + " (set subscribers=N in the URI of the process that creates the channel)");
    }

    /**
     * Claims a publisher slot in the given mode, refusing a mode that conflicts with another open publisher.
     *
     * @return the slot index.
     */
    static int claimPublisher(final RingChannel channel, final int mode, final long nowNs)
    {
        final AtomicBuffer meta = channel.meta;
        for (int i = 0; i < channel.publisherSlots; i++)
        {
            final int slot = channel.publisherSlotOffset(i);
            final long word = meta.getLongVolatile(slot + PublisherSlotDescriptor.STATE_OFFSET);
            if (state(word) != FREE)
            {
                continue;
            }
            final int generation = generation(word) + 1;
            final long claimed = stateWord(generation, CLAIMED);
            if (!meta.compareAndSetLong(slot + PublisherSlotDescriptor.STATE_OFFSET, word, claimed))
            {
                continue;
            }
            meta.putInt(slot + PublisherSlotDescriptor.MODE_OFFSET, mode);
            meta.putLong(slot + PublisherSlotDescriptor.PID_OFFSET, ProcessIdentity.selfPid());
            meta.putLong(slot + PublisherSlotDescriptor.START_TIME_OFFSET, ProcessIdentity.selfStartTime());
            meta.putLong(slot + PublisherSlotDescriptor.HEARTBEAT_OFFSET, nowNs);
            meta.putIntVolatile(slot + PublisherSlotDescriptor.MODE_OFFSET, mode);

            final String conflict = conflictingPublisher(channel, i, mode);
            if (null != conflict)
            {
                meta.compareAndSetLong(slot + PublisherSlotDescriptor.STATE_OFFSET, claimed, stateWord(generation, FREE));
                throw new RinglineException("channel=" + channel.name + " cannot take " +
                    (mode == PublisherSlotDescriptor.EXCLUSIVE ? "an exclusive" : "a concurrent") +
                    " publisher: " + conflict);
            }
            if (meta.compareAndSetLong(
                slot + PublisherSlotDescriptor.STATE_OFFSET, claimed, stateWord(generation, ACTIVE)))
            {
                return i;
            }
        }
        throw new RinglineException("channel=" + channel.name + " has no free publisher slot: publishers=" +
            channel.publisherSlots + " (set publishers=N in the URI of the process that creates the channel)");
    }

    private static String conflictingPublisher(final RingChannel channel, final int self, final int mode)
    {
        final AtomicBuffer meta = channel.meta;
        for (int i = 0; i < channel.publisherSlots; i++)
        {
            if (i == self)
            {
                continue;
            }
            final int slot = channel.publisherSlotOffset(i);
            final int state = state(meta.getLongVolatile(slot + PublisherSlotDescriptor.STATE_OFFSET));
            if (state == FREE || state == ACTIVE && !ProcessIdentity.isAlive(
                meta.getLong(slot + PublisherSlotDescriptor.PID_OFFSET),
                meta.getLong(slot + PublisherSlotDescriptor.START_TIME_OFFSET)))
            {
                continue; // a killed publisher's slot stays until its last claim is resolved, but it claims no more
            }
            final int otherMode = meta.getIntVolatile(slot + PublisherSlotDescriptor.MODE_OFFSET);
            if (mode == PublisherSlotDescriptor.EXCLUSIVE || otherMode == PublisherSlotDescriptor.EXCLUSIVE)
            {
                return "publisher slot=" + i + " pid=" + meta.getLong(slot + PublisherSlotDescriptor.PID_OFFSET) +
                    " is open" + (otherMode == PublisherSlotDescriptor.EXCLUSIVE ? " as the exclusive publisher" : "");
            }
        }
        return null;
    }

    /**
     * Frees a slot this process owns, unless someone evicted it already.
     */
    static void release(final AtomicBuffer meta, final int stateOffset, final long activeWord)
    {
        meta.compareAndSetLong(stateOffset, activeWord, stateWord(generation(activeWord), FREE));
    }

    /**
     * Frees a slot whose owner is dead, if the slot still holds the exact state word that was judged.
     *
     * @return true when this call freed it.
     */
    static boolean evict(final AtomicBuffer meta, final int stateOffset, final long judgedWord)
    {
        return meta.compareAndSetLong(stateOffset, judgedWord, stateWord(generation(judgedWord), FREE));
    }

    /**
     * Frees every slot, publisher or subscriber, whose process has died, whose pid was reused, or (for active slots)
     * whose heartbeat is older than the liveness timeout. A publisher slot is kept while its last claim ends past the
     * slowest subscriber's position: if that claim was never committed, the {@link Unblocker} needs its range, and a
     * restarted publisher that took the slot over would overwrite it and leave the subscribers stuck for good.
     *
     * @return slots freed.
     */
    static int evictDead(final RingChannel channel, final long nowNs, final long livenessTimeoutNs)
    {
        int subscribers = 0;
        for (int i = 0; i < channel.subscriberSlots; i++)
        {
            final int slot = channel.subscriberSlotOffset(i);
            subscribers += evictIfDead(channel.meta, slot + SubscriberSlotDescriptor.STATE_OFFSET,
                slot + SubscriberSlotDescriptor.PID_OFFSET, slot + SubscriberSlotDescriptor.START_TIME_OFFSET,
                slot + SubscriberSlotDescriptor.HEARTBEAT_OFFSET, nowNs, livenessTimeoutNs);
        }
        int publishers = 0;
        final long slowest = slowestSubscriberPosition(channel);
        for (int i = 0; i < channel.publisherSlots; i++)
        {
            final int slot = channel.publisherSlotOffset(i);
            if (channel.meta.getLongVolatile(slot + PublisherSlotDescriptor.CLAIM_END_OFFSET) > slowest)
            {
                continue; // its last claim may be uncommitted: the Unblocker needs the range until every reader passes
            }
            publishers += evictIfDead(channel.meta, slot + PublisherSlotDescriptor.STATE_OFFSET,
                slot + PublisherSlotDescriptor.PID_OFFSET, slot + PublisherSlotDescriptor.START_TIME_OFFSET,
                slot + PublisherSlotDescriptor.HEARTBEAT_OFFSET, nowNs, livenessTimeoutNs);
        }
        count(channel.meta, ChannelCountersDescriptor.SUBSCRIBER_EVICTIONS_OFFSET, subscribers);
        count(channel.meta, ChannelCountersDescriptor.PUBLISHER_EVICTIONS_OFFSET, publishers);
        return subscribers + publishers;
    }

    private static void count(final AtomicBuffer meta, final int counterOffset, final int events)
    {
        if (events > 0)
        {
            meta.getAndAddLong(counterOffset, events);
        }
    }

    /**
     * @return the position of the slowest active subscriber, or {@link Long#MAX_VALUE} when there is none.
     */
    private static long slowestSubscriberPosition(final RingChannel channel)
    {
        long slowest = Long.MAX_VALUE;
        for (int i = 0; i < channel.subscriberSlots; i++)
        {
            final int slot = channel.subscriberSlotOffset(i);
            if (state(channel.meta.getLongVolatile(slot + SubscriberSlotDescriptor.STATE_OFFSET)) == ACTIVE)
            {
                slowest = Math.min(slowest, channel.meta.getLongVolatile(slot + SubscriberSlotDescriptor.POSITION_OFFSET));
            }
        }
        return slowest;
    }

    private static int evictIfDead(
        final AtomicBuffer meta,
        final int stateOffset,
        final int pidOffset,
        final int startTimeOffset,
        final int heartbeatOffset,
        final long nowNs,
        final long livenessTimeoutNs)
    {
        final long word = meta.getLongVolatile(stateOffset);
        final int state = state(word);
        if (state == FREE)
        {
            return 0;
        }
        final long pid = meta.getLong(pidOffset);
        final long startTime = meta.getLong(startTimeOffset);
        final boolean stale = state == ACTIVE && nowNs - meta.getLongVolatile(heartbeatOffset) > livenessTimeoutNs;
        if (pid != 0 && (stale || !ProcessIdentity.isAlive(pid, startTime)))
        {
            return evict(meta, stateOffset, word) ? 1 : 0;
        }
        return 0;
    }
}
