package io.ringline.ring;

import io.ringline.Header;
import io.ringline.MessageHandler;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

import static io.ringline.ring.RecordDescriptor.*;

/**
 * The read side of {@link RecordDescriptor}'s protocol, the one every reader of a ring uses: from its position it
 * takes each committed record, checks its header, skips padding, keeps the accepted types, gathers fragments into one
 * message of at most max-fragmented bytes, and hands each message to a {@link MessageHandler}.
 *
 * <pre>{@code
 * // region: the channel mapped read-only, its header checked by RingDescriptor.checkHeader
 * RecordDecoder decoder = RecordDecoder.withoutSlot("shm:orders", region, null).seekOldest();
 * decoder.poll((buffer, offset, length, header) -> print(header.position(), buffer, offset, length), 256);
 * }</pre>
 *
 * <p><b>A corrupt record</b> (a committed tag over a frame length shorter than the header or past the end of the ring,
 * a payload over max-msg, or a fragment run over max-fragmented) is never skipped, since nothing says where the next
 * record starts: {@code poll} throws an {@link IllegalStateException} naming the channel and the record's position,
 * and the decoder stays there, so every later poll throws the same.
 *
 * <p>Two kinds of reader use it:
 * <ul>
 *   <li><b>A subscriber</b> ({@code RingSubscriber}): its slot holds publishers back, so the records ahead of it never
 *       change under it. Payloads are handed out in place and nothing is allocated once the reassembly buffer has
 *       grown.</li>
 *   <li><b>A reader without a slot</b> ({@link #withoutSlot}, e.g. {@code ringline tail} through a read-only
 *       mapping): publishers do not wait for it, so they may lap it at any moment. It copies each record before
 *       using it and trusts the copy only if the tail has not moved a whole ring past the record's position since
 *       ({@code tail - position <= capacity}), because a publisher claims space (moves the tail) before it writes a
 *       byte. When lapped it skips to the oldest record still whole ({@link #seekOldest}) and counts the bytes it
 *       lost. A record that fails the checks is corrupt only if the copy was whole; otherwise it was lapped.</li>
 * </ul>
 *
 * <p><b>Over segments</b> ({@link #overSegments}, the journal): the positions are split into segments of a fixed
 * power-of-two size, each a separate buffer found through {@link Segments}, and a record never crosses the end of a
 * segment (a writer pads to the end, as it pads to the end of a lap in the ring). The decoder asks for the next
 * segment when its position enters it, once per segment; the rest of the protocol is the same.
 *
 * <p>A reassembled message reports, in its {@link Header}, the type, timestamp and publisher of its last fragment,
 * and the position just after its last fragment. Not thread safe: one decoder per reader.
 */
public final class RecordDecoder
{
    /**
     * Where a decoder over segments finds the segment that holds a position.
     */
    @FunctionalInterface
    public interface Segments
    {
        /**
         * @param basePosition the first position of the segment, a multiple of the segment size.
         * @return the segment's record data (segment size bytes, position {@code basePosition} at offset 0), or null
         *         when it does not exist yet; then the decoder stops there and asks again on its next poll.
         */
        UnsafeBuffer segment(long basePosition);
    }

    private final String channel;
    private final AtomicBuffer meta;
    private UnsafeBuffer data;
    private final Segments segments;
    private long segmentBase = -1;
    private final int capacity;
    private final int mask;
    private final long salt;
    private final int maxMsgLength;
    private final int maxFragmentedLength;
    private final int[] types;
    private final UnsafeBuffer snapshot;
    private final Header header = new Header();
    private ExpandableDirectByteBuffer reassembly;
    private int reassemblyLength = -1;
    private long position;
    private long lostBytes;

    private RecordDecoder(
        final String channel,
        final AtomicBuffer meta,
        final UnsafeBuffer data,
        final Segments segments,
        final int capacity,
        final int maxMsgLength,
        final int maxFragmentedLength,
        final long salt,
        final int[] types,
        final long position,
        final boolean withSlot)
    {
        this.channel = channel;
        this.meta = meta;
        this.data = data;
        this.segments = segments;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.salt = salt;
        this.maxMsgLength = maxMsgLength;
        this.maxFragmentedLength = maxFragmentedLength;
        this.types = null == types ? null : types.clone();
        this.position = position;
        this.snapshot = withSlot ? null :
            new UnsafeBuffer(ByteBuffer.allocateDirect(alignedLength(maxMsgLength)));
    }

    /**
     * A subscriber's decoder: publishers never lap it.
     *
     * @param channel  the channel, for messages.
     * @param uri      the subscriber's URI, for messages.
     * @param types    the message types to deliver, or null for all.
     * @param position where the subscriber starts.
     */
    RecordDecoder(final RingChannel channel, final String uri, final int[] types, final long position)
    {
        this(uri, channel.meta, channel.data, null, channel.capacity, channel.maxMsgLength, channel.maxFragmentedLength, channel.salt, types,
            position, true);
    }

    /**
     * A decoder for a reader that holds no subscriber slot, so that publishers may lap it. It only reads the region,
     * which may be mapped read-only. It starts at the tail; see {@link #seekOldest()}.
     *
     * @param channel the channel, for messages.
     * @param region  the channel's whole region, header then ring, whose header passed
     *                {@link RingDescriptor#checkHeader}.
     * @param types   the message types to deliver, or null for all.
     * @return a decoder at the tail.
     */
    public static RecordDecoder withoutSlot(final String channel, final AtomicBuffer region, final int[] types)
    {
        final UnsafeBuffer data = new UnsafeBuffer(
            region, region.getInt(RingDescriptor.HEADER_LENGTH_OFFSET), region.getInt(RingDescriptor.CAPACITY_OFFSET));
        return new RecordDecoder(channel, region, data, null, data.capacity(),
            region.getInt(RingDescriptor.MAX_MSG_LENGTH_OFFSET),
            region.getInt(RingDescriptor.MAX_FRAGMENTED_LENGTH_OFFSET), region.getLong(RingDescriptor.SALT_OFFSET),
            types, 0, false).seekTail();
    }

    /**
     * A decoder over segments, for a reader whose records are never overwritten while it may read them (the journal).
     *
     * @param channel             the channel, for messages.
     * @param segmentSize         record bytes per segment, a power of two.
     * @param salt                the channel's salt.
     * @param maxMsgLength        largest payload of one record.
     * @param maxFragmentedLength largest reassembled message, 0 when the channel does not fragment.
     * @param types               the message types to deliver, or null for all.
     * @param position            where the reader starts, a multiple of {@link RecordDescriptor#ALIGNMENT}.
     * @param segments            finds the segment holding a position.
     * @return a decoder at {@code position}.
     */
    public static RecordDecoder overSegments(
        final String channel,
        final int segmentSize,
        final long salt,
        final int maxMsgLength,
        final int maxFragmentedLength,
        final int[] types,
        final long position,
        final Segments segments)
    {
        return new RecordDecoder(channel, null, null, segments, segmentSize, maxMsgLength, maxFragmentedLength, salt,
            types, position, true);
    }

    /**
     * Moves to the tail: only records committed from now on. For a reader without a slot.
     *
     * @return this decoder.
     */
    public RecordDecoder seekTail()
    {
        return seek(alignUp(meta.getLongVolatile(RingDescriptor.TAIL_OFFSET)));
    }

    /**
     * Moves to the oldest record still whole in the ring: the first position on the 32-byte record grid of the last
     * lap, {@code [tail - capacity, tail)}, whose tag is {@code position ^ salt}, which only a record written at that
     * position carries. For a reader without a slot.
     *
     * @return this decoder.
     */
    public RecordDecoder seekOldest()
    {
        return seek(oldestPosition());
    }

    private RecordDecoder seek(final long position)
    {
        this.position = position;
        reassemblyLength = -1;
        return this;
    }

    /**
     * @return the position of the next record to read.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return true when the record at this decoder's position is committed (its tag matches), whatever it holds.
     */
    boolean hasCommittedRecord()
    {
        return data.getLongAcquire(((int)position & mask) + TAG_OFFSET) == tag(position, salt);
    }

    /**
     * @return bytes skipped because publishers lapped this reader; always 0 for a subscriber.
     */
    public long lostBytes()
    {
        return lostBytes;
    }

    /**
     * Delivers the messages committed from this decoder's position, at most {@code messageLimit}, reading at most a
     * ring's length of records, so that it always returns.
     *
     * @param handler      receives each message; the buffer is the ring itself or a private copy, valid during the
     *                     call only.
     * @param messageLimit most messages to deliver.
     * @return messages delivered.
     * @throws IllegalStateException on a corrupt record, naming the channel and its position.
     */
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        final long start = position;
        long position = start;
        int delivered = 0;
        try
        {
            while (delivered < messageLimit && position - start < capacity)
            {
                if (null != segments && (position & -capacity) != segmentBase && !enterSegment(position))
                {
                    break;
                }
                final int index = (int)position & mask;
                if (data.getLongAcquire(index + TAG_OFFSET) != tag(position, salt))
                {
                    if (null != snapshot && isLapped(position))
                    {
                        position = skipLapped(position);
                        continue;
                    }
                    break;
                }

                UnsafeBuffer record = data;
                int offset = index;
                if (null != snapshot)
                {
                    if (!takeSnapshot(index, position))
                    {
                        position = skipLapped(position);
                        continue;
                    }
                    record = snapshot;
                    offset = 0;
                }
                final long lengthAndType = record.getLong(offset + FRAME_LENGTH_OFFSET);
                final int frameLength = (int)lengthAndType;
                final long flagsAndPublisher = record.getLong(offset + FLAGS_OFFSET);
                final int flags = (int)flagsAndPublisher & 0xFF;
                checkRecord(index, position, frameLength, flags);
                final long next = position + ((frameLength + ALIGNMENT - 1) & -ALIGNMENT);

                if ((flags & PADDING_FLAG) != 0)
                {
                    position = next;
                    continue;
                }
                final int type = (int)(lengthAndType >>> 32);
                if (null != types && !accepts(type))
                {
                    reassemblyLength = -1;
                    position = next;
                    continue;
                }

                final int payloadLength = frameLength - HEADER_LENGTH;
                if ((flags & UNFRAGMENTED) == UNFRAGMENTED)
                {
                    position = next;
                    this.position = next;
                    header.set(type, next, record.getLong(offset + TIMESTAMP_OFFSET), (int)(flagsAndPublisher >>> 32));
                    handler.onMessage(record, offset + HEADER_LENGTH, payloadLength, header);
                    delivered++;
                }
                else if (gather(record, offset, position, payloadLength, flags))
                {
                    position = next;
                    this.position = next;
                    header.set(type, next, record.getLong(offset + TIMESTAMP_OFFSET), (int)(flagsAndPublisher >>> 32));
                    final int length = reassemblyLength;
                    reassemblyLength = -1;
                    handler.onMessage(reassembly, 0, length, header);
                    delivered++;
                }
                else
                {
                    position = next;
                }
            }
        }
        finally
        {
            this.position = position;
        }
        return delivered;
    }

    private boolean enterSegment(final long position)
    {
        final UnsafeBuffer segment = segments.segment(position & -capacity);
        if (null == segment)
        {
            return false;
        }
        data = segment;
        segmentBase = position & -capacity;
        return true;
    }

    /**
     * Adds a fragment to the message being gathered.
     *
     * @return true when it was the last fragment of a message.
     */
    private boolean gather(
        final UnsafeBuffer record, final int offset, final long position, final int payloadLength, final int flags)
    {
        if ((flags & BEGIN_FLAG) != 0)
        {
            if (null == reassembly)
            {
                reassembly = new ExpandableDirectByteBuffer(Math.max(maxMsgLength * 2, 4096));
            }
            reassemblyLength = 0;
        }
        else if (reassemblyLength < 0)
        {
            return false; // a middle or last fragment without its first: skipped
        }

        if (reassemblyLength + payloadLength > maxFragmentedLength)
        {
            // Left as it is, so that the decoder stays on this fragment and every later poll throws the same.
            throw new IllegalStateException("corrupt fragmented message in channel=" + channel + " at position=" +
                position + ": length=" + ((long)reassemblyLength + payloadLength) + " exceeds max-fragmented=" +
                maxFragmentedLength);
        }
        reassembly.putBytes(reassemblyLength, record, offset + HEADER_LENGTH, payloadLength);
        reassemblyLength += payloadLength;
        return (flags & END_FLAG) != 0;
    }

    // Another process can scribble on shared memory: never trust a length enough to read outside the ring.
    private void checkRecord(final int index, final long position, final int frameLength, final int flags)
    {
        final boolean padding = (flags & PADDING_FLAG) != 0;
        if (frameLength < HEADER_LENGTH ||
            frameLength > capacity - index ||
            (!padding && frameLength - HEADER_LENGTH > maxMsgLength))
        {
            throw new IllegalStateException("corrupt record in channel=" + channel + " at position=" + position +
                ": frameLength=" + frameLength + " flags=0x" + Integer.toHexString(flags) +
                " (max-msg=" + maxMsgLength + ", bytes to end of ring=" + (capacity - index) + ")");
        }
    }

    private boolean accepts(final int type)
    {
        for (final int accepted : types)
        {
            if (accepted == type)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies the record at {@code index}, header and as much payload as a record may hold, into the snapshot.
     *
     * @return true when the copy is whole: no publisher had claimed over the record when the copy was done.
     */
    private boolean takeSnapshot(final int index, final long position)
    {
        final int frameLength = data.getInt(index + FRAME_LENGTH_OFFSET);
        final int length = Math.min(Math.max(frameLength, HEADER_LENGTH), Math.min(capacity - index,
            snapshot.capacity()));
        snapshot.putBytes(0, data, index, length);
        VarHandle.acquireFence(); // the copy's loads before the tail's
        return !isLapped(position);
    }

    private boolean isLapped(final long position)
    {
        return meta.getLongVolatile(RingDescriptor.TAIL_OFFSET) - position > capacity;
    }

    private long skipLapped(final long position)
    {
        final long oldest = Math.max(oldestPosition(), position + ALIGNMENT); // forward even if the tail was scribbled
        lostBytes += oldest - position;
        reassemblyLength = -1;
        return oldest;
    }

    private long oldestPosition()
    {
        final long tail = alignUp(meta.getLongVolatile(RingDescriptor.TAIL_OFFSET));
        for (long candidate = Math.max(0, tail - capacity); candidate < tail; candidate += ALIGNMENT)
        {
            if (data.getLongAcquire(((int)candidate & mask) + TAG_OFFSET) == tag(candidate, salt))
            {
                return candidate;
            }
        }
        return tail;
    }

    private static long alignUp(final long position)
    {
        return (position + ALIGNMENT - 1) & -ALIGNMENT;
    }

    @Override
    public String toString()
    {
        return "RecordDecoder{channel=" + channel + ", position=" + position + ", lostBytes=" + lostBytes + "}";
    }
}
