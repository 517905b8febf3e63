package io.ringline.journal;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import io.ringline.RinglineException;
import io.ringline.spi.TransportPublisher;
import io.ringline.ring.PublisherSlotDescriptor;
import io.ringline.ring.Wakeup;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ringline.ring.RecordDescriptor.*;

/**
 * A publisher of a journal, one of any number in any processes: claims space by compare-and-set of the tail in the
 * metadata file, as the ring's concurrent publisher does, writes the record in the ring's layout into the segment
 * that holds the position, and commits it with the tag. A claim that would cross the end of a segment is preceded by
 * padding to that end, so a record never spans two segments. Before its claim takes effect the publisher has the
 * segment mapped, so a claim never points past what exists: if the segment cannot be created (file system full) the
 * claim is not made and {@code offer} returns {@link #STORAGE_FULL}, nothing written.
 *
 * <p>Every record is stamped with its claim time in nanoseconds since the epoch (an offset {@code System.nanoTime},
 * no allocation), which the time index and {@code from=time:} use. The hot path reads the tail, compares the segment
 * index with the cached one, and writes an index entry once per stride (segment/256 bytes); with {@code sync=data}
 * or {@code full} each commit also calls {@code msync}. Not thread safe: one publisher per thread.
 */
final class JournalPublisher extends TransportPublisher
{
    private final JournalTransportProvider provider;
    private final Journal journal;
    private final AtomicBuffer meta;
    private final int segmentSize;
    private final int mask;
    private final long salt;
    private final int slotIndex;
    private final int slotOffset;
    private final long activeWord;
    private final EpochNanoClock clock = new OffsetEpochNanoClock();
    private final Wakeup.Signaller signaller;
    private Segment segment;
    private long segmentIndex = -1;
    private long timestampNs;
    private volatile long lowestPosition = Long.MAX_VALUE;

    JournalPublisher(final JournalTransportProvider provider, final Journal journal, final String uri)
    {
        super(uri, journal.maxMsgLength, "max-msg", Math.max(journal.maxMsgLength, journal.maxFragmentedLength),
            journal.maxFragmentedLength == 0 ? "max-msg; the journal does not fragment: max-fragmented=0" :
            "max-fragmented");
        this.provider = provider;
        this.journal = journal;
        this.signaller = journal.wakeup.signaller();
        this.meta = journal.meta;
        this.segmentSize = journal.segmentSize;
        this.mask = journal.mask;
        this.salt = journal.salt;
        this.slotIndex = PublisherSlots.claim(meta, journal.publisherSlots, journal.name);
        this.slotOffset = PublisherSlots.offset(meta, slotIndex);
        this.activeWord = meta.getLongVolatile(slotOffset + PublisherSlotDescriptor.STATE_OFFSET);
    }

    /**
     * Claims {@code alignedLength} contiguous bytes in one segment, padding to the end of the current one first if
     * they would cross it.
     *
     * @return the position of the claimed space, or {@link #STORAGE_FULL}; {@link #segment} holds it.
     */
    private long claim(final int alignedLength)
    {
        long tail;
        long start;
        do
        {
            tail = meta.getLongVolatile(JournalDescriptor.TAIL_OFFSET);
            if ((tail & (ALIGNMENT - 1)) != 0)
            {
                throw new IllegalStateException("journal=" + uri + " corrupt tail=" + tail + ": not a multiple of " +
                    ALIGNMENT + " (the metadata file was overwritten); nothing is written");
            }
            final int toEnd = segmentSize - ((int)tail & mask);
            start = alignedLength > toEnd ? tail + toEnd : tail;
            if (journal.segmentIndex(start) != segmentIndex && !enter(journal.segmentIndex(start)))
            {
                recordClaim(0, 0);
                return STORAGE_FULL;
            }
            recordClaim(tail, start + alignedLength);
        }
        while (!meta.compareAndSetLong(JournalDescriptor.TAIL_OFFSET, tail, start + alignedLength));

        timestampNs = clock.nanoTime();
        if (start != tail)
        {
            if (RollStopHook.STOP_BEFORE_PADDING)
            {
                RollStopHook.stop(RollStopHook.BEFORE_PADDING, tail, start);
            }
            final Segment previous = journal.segment(journal.segmentIndex(tail), false);
            final int index = (int)tail & mask;
            previous.index(tail, start, timestampNs, salt);
            commit(previous.records, index, tail, (int)(start - tail), 0, PADDING_FLAG);
        }
        segment.index(start, start + alignedLength, timestampNs, salt);
        if (RollStopHook.STOP_BEFORE_FIRST_RECORD && start != tail)
        {
            RollStopHook.stop(RollStopHook.BEFORE_FIRST_RECORD, tail, start);
        }
        return start;
    }

    // Off the hot path: once per segment per publisher.
    private boolean enter(final long index)
    {
        Segment next = journal.mapped(index);
        if (null == next)
        {
            try
            {
                next = journal.segment(index, true);
                JournalDescriptor.increment(meta, JournalDescriptor.LATE_ROLLS_OFFSET);
            }
            catch (final RinglineException ex)
            {
                JournalDescriptor.increment(meta, JournalDescriptor.STORAGE_FULL_OFFSET);
                return false;
            }
        }
        segment = next;
        segmentIndex = index;
        lowestPosition = next.basePosition;
        return true;
    }

    private void recordClaim(final long start, final long end)
    {
        meta.putLong(slotOffset + PublisherSlotDescriptor.CLAIM_START_OFFSET, start);
        meta.putLong(slotOffset + PublisherSlotDescriptor.CLAIM_END_OFFSET, end);
    }

    private void commit(
        final UnsafeBuffer records, final int index, final long position, final int frameLength, final int type,
        final int flags)
    {
        io.ringline.ring.RecordDescriptor.commit(
            records, index, position, salt, frameLength, type, flags, slotIndex, timestampNs);
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        checkOffer(buffer, offset, length);
        final boolean fragmented = length > maxPayloadLength;
        final int claimLength = fragmented ? (int)fragmentedLength(length, maxPayloadLength) : alignedLength(length);
        final long start = claim(claimLength);
        if (start < 0)
        {
            return start;
        }
        final UnsafeBuffer records = segment.records;
        long position = start;
        int remaining = length;
        int sourceOffset = offset;
        int flags = fragmented ? BEGIN_FLAG : UNFRAGMENTED;
        while (remaining > 0)
        {
            final int chunk = Math.min(remaining, maxPayloadLength);
            if (chunk == remaining)
            {
                flags |= END_FLAG;
            }
            final int index = (int)position & mask;
            records.putBytes(index + HEADER_LENGTH, buffer, sourceOffset, chunk);
            commit(records, index, position, chunk + HEADER_LENGTH, type, flags);
            position += alignedLength(chunk);
            sourceOffset += chunk;
            remaining -= chunk;
            flags = 0;
        }
        afterCommit(start, claimLength);
        return position;
    }

    @Override
    public long tryClaim(final int length, final int type, final BufferClaim bufferClaim)
    {
        checkClaim(length);
        final int alignedLength = alignedLength(length);
        final long position = claim(alignedLength);
        if (position < 0)
        {
            return position;
        }
        bufferClaim.wrap(segment.records, ((int)position & mask) + HEADER_LENGTH, length, type, position, this);
        return position + alignedLength;
    }

    @Override
    public void commit(final BufferClaim claim)
    {
        final long position = claim.token();
        final int index = (int)position & mask;
        commit((UnsafeBuffer)claim.buffer(), index, position, claim.length() + HEADER_LENGTH, claim.type(),
            UNFRAGMENTED);
        afterCommit(position, claim.length() + HEADER_LENGTH);
    }

    @Override
    public void abort(final BufferClaim claim)
    {
        final long position = claim.token();
        final int index = (int)position & mask;
        commit((UnsafeBuffer)claim.buffer(), index, position, alignedLength(claim.length()), 0, PADDING_FLAG);
        afterCommit(position, alignedLength(claim.length()));
    }

    /**
     * Sync when asked, then wake sleeping subscribers only when someone sleeps: one load on the hot path.
     */
    private void afterCommit(final long position, final int length)
    {
        if (journal.syncMode != JournalDescriptor.SYNC_NONE)
        {
            journal.sync(position, length);
        }
        signaller.afterCommit();
    }

    /**
     * @return the first position of the segment this publisher writes in, for unmapping; MAX_VALUE before its
     *         first claim.
     */
    long lowestPosition()
    {
        return lowestPosition;
    }

    Journal journal()
    {
        return journal;
    }

    /**
     * @return the reason the last segment could not be created, or null.
     */
    RinglineException storageError()
    {
        return journal.storageError();
    }

    /**
     * A journal keeps what is published whether or not anyone reads: always connected while open.
     */
    @Override
    public boolean isConnected()
    {
        return !closed;
    }

    @Override
    public long position()
    {
        return journal.tailVolatile();
    }

    @Override
    protected void onClose()
    {
        PublisherSlots.release(meta, slotOffset, activeWord);
        provider.release(this, journal);
    }

    @Override
    public String toString()
    {
        return "JournalPublisher{channel=" + uri + ", slot=" + slotIndex + "}";
    }
}
