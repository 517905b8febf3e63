package io.ringline.ring;

import io.ringline.BufferClaim;
import io.ringline.spi.TransportPublisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ringline.ring.RecordDescriptor.*;

/**
 * What the exclusive and the concurrent ring publishers share: framing, fragmentation, commit, and the flow-control
 * limit. Subclasses differ only in how they claim space ({@link #claim(int)}).
 *
 * <p>Flow control: a publisher may write up to {@code slowest active subscriber position + capacity}. It caches that
 * limit and rescans the subscriber slots only when a claim would pass it; with no active subscriber it reports
 * {@link #NOT_CONNECTED} and writes nothing.
 */
abstract class RingPublisher extends TransportPublisher
{
    private static final long NO_SUBSCRIBER = Long.MAX_VALUE;

    final RingChannel channel;
    final AtomicBuffer meta;
    final UnsafeBuffer data;
    final int capacity;
    final int mask;
    final long salt;
    private final RingTransportProvider provider;
    private final boolean timestamps;
    final Wakeup.Signaller signaller;
    private final int slotIndex;
    private final PublisherSlot slot;
    private final ChannelCounters counters;
    private final SubscriberSlot subscriberSlot = new SubscriberSlot();
    private final SubscriberSlot connectionCheckSlot = new SubscriberSlot();
    private final long activeWord;
    private final NanoClock clock;
    private final long livenessTimeoutNs;
    private long limit;
    private int slowestSlotOffset = -1;
    private long slowestSlotWord;

    RingPublisher(
        final RingTransportProvider provider,
        final RingChannel channel,
        final String uri,
        final int slotIndex,
        final NanoClock clock,
        final long livenessTimeoutNs)
    {
        super(uri, channel.maxMsgLength, "max-msg", Math.max(channel.maxMsgLength, channel.maxFragmentedLength),
            channel.maxFragmentedLength == 0 ? "max-msg; the channel does not fragment: max-fragmented=0" :
            "max-fragmented");
        this.provider = provider;
        this.channel = channel;
        this.meta = channel.meta;
        this.data = channel.data;
        this.capacity = channel.capacity;
        this.mask = channel.mask;
        this.salt = channel.salt;
        this.timestamps = channel.timestamps;
        this.signaller = channel.wakeup.signaller();
        this.slotIndex = slotIndex;
        this.slot = new PublisherSlot().wrap(meta, channel.publisherSlotOffset(slotIndex));
        this.counters = channel.counters;
        this.activeWord = slot.stateWordVolatile();
        this.clock = clock;
        this.livenessTimeoutNs = livenessTimeoutNs;
    }

    /**
     * Claims {@code alignedLength} contiguous bytes, padding to the end of the lap first if they would wrap.
     *
     * @param alignedLength bytes to claim, a multiple of {@link RecordDescriptor#ALIGNMENT}.
     * @return the position of the claimed space, or a negative result code.
     */
    abstract long claim(int alignedLength);

    @Override
    public final long offer(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        checkOffer(buffer, offset, length);
        if (length <= maxPayloadLength)
        {
            final int alignedLength = alignedLength(length);
            final long position = claim(alignedLength);
            if (position < 0)
            {
                return position;
            }
            final int index = (int)position & mask;
            data.putBytes(index + HEADER_LENGTH, buffer, offset, length);
            commitRecord(index, position, length + HEADER_LENGTH, type, UNFRAGMENTED);
            signaller.afterCommit();
            return position + alignedLength;
        }
        return offerFragmented(buffer, offset, length, type);
    }

    private long offerFragmented(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        // At most capacity / 2: checked when the channel was created and again by every opener.
        final long start = claim((int)RingParams.fragmentedClaimLength(length, maxPayloadLength));
        if (start < 0)
        {
            return start;
        }
        long position = start;
        int remaining = length;
        int sourceOffset = offset;
        int flags = BEGIN_FLAG;
        while (remaining > 0)
        {
            final int chunk = Math.min(remaining, maxPayloadLength);
            if (chunk == remaining)
            {
                flags |= END_FLAG;
            }
            final int index = (int)position & mask;
            data.putBytes(index + HEADER_LENGTH, buffer, sourceOffset, chunk);
            commitRecord(index, position, chunk + HEADER_LENGTH, type, flags);
            position += alignedLength(chunk);
            sourceOffset += chunk;
            remaining -= chunk;
            flags = 0;
        }
        signaller.afterCommit();
        return position;
    }

    @Override
    public final long tryClaim(final int length, final int type, final BufferClaim bufferClaim)
    {
        checkClaim(length);
        final int alignedLength = alignedLength(length);
        final long position = claim(alignedLength);
        if (position < 0)
        {
            return position;
        }
        bufferClaim.wrap(data, ((int)position & mask) + HEADER_LENGTH, length, type, position, this);
        return position + alignedLength;
    }

    @Override
    public final void commit(final BufferClaim claim)
    {
        final long position = claim.token();
        commitRecord((int)position & mask, position, claim.length() + HEADER_LENGTH, claim.type(), UNFRAGMENTED);
        signaller.afterCommit();
    }

    @Override
    public final void abort(final BufferClaim claim)
    {
        final long position = claim.token();
        commitRecord((int)position & mask, position, alignedLength(claim.length()), 0, PADDING_FLAG);
        signaller.afterCommit();
    }

    /**
     * Checks a tail read from the channel header before claiming from it: every record, padding included, starts at a
     * multiple of {@link RecordDescriptor#ALIGNMENT}, so any other tail means the header was overwritten, and padding
     * to the end of the lap from it would write a record header past the end of the ring.
     *
     * @param tail the tail read.
     * @throws IllegalStateException naming the channel and the tail when it is not aligned, as a subscriber reports a
     *                               corrupt record.
     */
    final void checkTailAligned(final long tail)
    {
        if ((tail & (RecordDescriptor.ALIGNMENT - 1)) != 0)
        {
            throw new IllegalStateException("channel=" + uri + " corrupt tail=" + tail + ": not a multiple of " +
                RecordDescriptor.ALIGNMENT + " (the channel header was overwritten); nothing is written");
        }
    }

    /**
     * Records the range about to be claimed in this publisher's slot, before the claim takes effect: plain stores,
     * ordered before the claim by its compare-and-set or release store.
     */
    final void recordClaim(final long start, final long end)
    {
        slot.claim(start, end);
    }

    /**
     * Writes a record's header fields, then its tag with release semantics: the record is now visible.
     */
    final void commitRecord(final int index, final long position, final int frameLength, final int type,
        final int flags)
    {
        if (Ablations.SKIP_TIMESTAMP_WORD && !timestamps)
        {
            RecordDescriptor.commitWithoutTimestamp(data, index, position, salt, frameLength, type, flags, slotIndex);
            return;
        }
        RecordDescriptor.commit(data, index, position, salt, frameLength, type, flags, slotIndex,
            timestamps ? clock.nanoTime() : 0L);
    }

    /**
     * Checks a new tail against the flow-control limit, rescanning the subscribers when the cached limit is passed.
     *
     * @param newTail the tail after a claim.
     * @return 0 when the claim may proceed, else a negative result code.
     */
    final long checkLimit(final long newTail)
    {
        if (newTail <= limit)
        {
            return 0;
        }
        if (slot.stateWordVolatile() != activeWord)
        {
            return CLOSED; // evicted: another process judged this one dead and may have taken the channel
        }
        final long slowest = slowestSubscriberPosition(subscriberSlot);
        if (slowest == NO_SUBSCRIBER)
        {
            counters.incrementNotConnected();
            return NOT_CONNECTED;
        }
        limit = slowest + capacity;
        if (newTail <= limit)
        {
            return 0;
        }
        return onBackPressure();
    }

    private long slowestSubscriberPosition(final SubscriberSlot subscriber)
    {
        long slowest = NO_SUBSCRIBER;
        for (int i = 0, slots = channel.subscriberSlots; i < slots; i++)
        {
            subscriber.wrap(meta, channel.subscriberSlotOffset(i));
            final long word = subscriber.stateWordVolatile();
            if (SubscriberSlotDescriptor.state(word) == SubscriberSlotDescriptor.ACTIVE)
            {
                final long position = subscriber.positionVolatile();
                if (position < slowest)
                {
                    slowest = position;
                    slowestSlotOffset = subscriber.offset();
                    slowestSlotWord = word;
                }
            }
        }
        return slowest;
    }

    // The slowest subscriber holds us back: if its heartbeat is stale, its process is gone or frozen; free its slot.
    private long onBackPressure()
    {
        final SubscriberSlot slowestSlot = subscriberSlot.wrap(meta, slowestSlotOffset);
        final long nowNs = clock.nanoTime();
        if (SlotTable.isStale(slowestSlot.heartbeatVolatile(), nowNs, provider.watchingSinceNs(nowNs),
            livenessTimeoutNs) && SlotTable.evict(slowestSlot, slowestSlotWord))
        {
            counters.addSubscriberEvictions(1);
            return ADMIN_ACTION;
        }
        counters.incrementBackPressure();
        return BACK_PRESSURED;
    }

    void heartbeat(final long nowNs)
    {
        slot.heartbeatRelease(nowNs);
    }

    @Override
    public final boolean isConnected()
    {
        return !closed && slowestSubscriberPosition(connectionCheckSlot) != NO_SUBSCRIBER;
    }

    @Override
    public final long position()
    {
        return channel.tailVolatile();
    }

    @Override
    protected final void onClose()
    {
        SlotTable.release(slot, activeWord);
        provider.release(this, channel);
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "{channel=" + uri + ", slot=" + slotIndex + "}";
    }
}
