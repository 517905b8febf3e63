package io.ringline.tools.inspect;

import io.ringline.ring.ChannelCounters;
import io.ringline.ring.OwnedSlot;
import io.ringline.ring.PublisherSlot;
import io.ringline.ring.PublisherSlotDescriptor;
import io.ringline.ring.SubscriberSlot;
import io.ringline.ring.SubscriberSlotDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static io.ringline.ring.RingDescriptor.*;

/**
 * A snapshot of a ring channel read from its read-only image: header, tail, every occupied slot and the counters.
 * Fields are read one by one while publishers and subscribers run, so lags are consistent only to within what moved
 * during the read.
 *
 * @param uri                 the channel.
 * @param object              the file or System V key behind it.
 * @param regionLength        bytes of the whole region.
 * @param layoutVersion       "major.minor".
 * @param capacity            ring data bytes.
 * @param maxMsgLength        largest payload of one record.
 * @param maxFragmentedLength largest fragmented message (0: none).
 * @param flags               header flags.
 * @param creatorPid          pid of the creating process.
 * @param createdEpochMs      creation time.
 * @param tail                publishers' position.
 * @param publishers          occupied publisher slots.
 * @param subscribers         occupied subscriber slots.
 * @param counters            the channel counters, in {@link ChannelCountersDescriptor} order.
 */
public record ChannelStatus(
    String uri,
    String object,
    long regionLength,
    String layoutVersion,
    int capacity,
    int maxMsgLength,
    int maxFragmentedLength,
    int flags,
    long creatorPid,
    long createdEpochMs,
    long tail,
    List<PeerStatus> publishers,
    List<PeerStatus> subscribers,
    Counters counters)
{
    /**
     * Channel counters ({@link ChannelCountersDescriptor}).
     *
     * @param backPressure        claims refused because the slowest subscriber was a ring behind.
     * @param notConnected        claims refused because no subscriber was active.
     * @param subscriberEvictions subscriber slots freed (dead, stale, or stalled slowest).
     * @param publisherEvictions  publisher slots freed (dead or stale).
     * @param unblocks            dead publishers' claims turned into padding.
     */
    public record Counters(
        long backPressure, long notConnected, long subscriberEvictions, long publisherEvictions, long unblocks)
    {
    }

    /**
     * Reads a snapshot.
     *
     * @param image the channel, mapped read-only and validated.
     * @return what it holds now.
     */
    public static ChannelStatus read(final ChannelImage image)
    {
        final UnsafeBuffer buffer = image.buffer();
        final long nowNs = System.nanoTime(); // CLOCK_MONOTONIC, the heartbeats' clock
        final int version = buffer.getInt(LAYOUT_VERSION_OFFSET);
        final long tail = buffer.getLongVolatile(TAIL_OFFSET);
        final int publisherSlots = buffer.getInt(PUBLISHER_SLOT_COUNT_OFFSET);
        final int subscriberSlots = buffer.getInt(SUBSCRIBER_SLOT_COUNT_OFFSET);

        final List<PeerStatus> publishers = new ArrayList<>();
        final PublisherSlot publisher = new PublisherSlot();
        for (int i = 0; i < publisherSlots; i++)
        {
            publisher.wrap(buffer, PUBLISHER_SLOTS_OFFSET + i * PublisherSlotDescriptor.SLOT_LENGTH);
            final int mode = publisher.mode();
            addPeer(publishers, publisher, i, nowNs, publisher.claimEndVolatile(), 0,
                mode == PublisherSlotDescriptor.EXCLUSIVE ? "exclusive" : "concurrent");
        }

        final int subscribersOffset = subscriberSlotsOffset(publisherSlots);
        final List<PeerStatus> subscribers = new ArrayList<>();
        final SubscriberSlot subscriber = new SubscriberSlot();
        for (int i = 0; i < subscriberSlots; i++)
        {
            subscriber.wrap(buffer, subscribersOffset + i * SubscriberSlotDescriptor.SLOT_LENGTH);
            final long position = subscriber.positionVolatile();
            addPeer(subscribers, subscriber, i, nowNs, position, Math.max(0, tail - position), null);
        }

        final ChannelCounters channelCounters = new ChannelCounters().wrap(buffer);
        final Counters counters = new Counters(channelCounters.backPressureVolatile(),
            channelCounters.notConnectedVolatile(), channelCounters.subscriberEvictionsVolatile(),
            channelCounters.publisherEvictionsVolatile(), channelCounters.unblocksVolatile());

        return new ChannelStatus(image.location().uri(), image.location().object(), buffer.capacity(),
            (version >>> 16) + "." + (version & 0xFFFF), buffer.getInt(CAPACITY_OFFSET),
            buffer.getInt(MAX_MSG_LENGTH_OFFSET), buffer.getInt(MAX_FRAGMENTED_LENGTH_OFFSET),
            buffer.getInt(FLAGS_OFFSET), buffer.getLong(CREATOR_PID_OFFSET), buffer.getLong(CREATED_EPOCH_MS_OFFSET),
            tail, publishers, subscribers, counters);
    }

    private static void addPeer(
        final List<PeerStatus> peers, final OwnedSlot slot, final int index, final long nowNs, final long position,
        final long lag, final String mode)
    {
        final int state = SubscriberSlotDescriptor.state(slot.stateWordVolatile());
        if (state != SubscriberSlotDescriptor.FREE)
        {
            peers.add(new PeerStatus(index, state == SubscriberSlotDescriptor.ACTIVE ? "active" : "claimed",
                slot.pid(), slot.isOwnerAlive(), ageMs(nowNs, slot.heartbeatVolatile()), position, lag, mode));
        }
    }

    private static long ageMs(final long nowNs, final long heartbeatNs)
    {
        return Math.max(0, (nowNs - heartbeatNs) / 1_000_000);
    }

    /**
     * @return true when any publisher or subscriber slot is held by a running process.
     */
    public boolean hasLivePeers()
    {
        return publishers.stream().anyMatch(PeerStatus::alive) || subscribers.stream().anyMatch(PeerStatus::alive);
    }

    /**
     * @return true when publishers write a timestamp into every record.
     */
    public boolean timestamps()
    {
        return (flags & FLAG_TIMESTAMPS) != 0;
    }

    /**
     * @return true when subscribers record their latency into histograms after the ring's data.
     */
    public boolean latency()
    {
        return (flags & FLAG_LATENCY) != 0;
    }

    /**
     * @return true when subscribers may sleep and publishers wake them.
     */
    public boolean wakeups()
    {
        return (flags & FLAG_WAKEUPS) != 0;
    }
}
