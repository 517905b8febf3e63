package io.ringline.tools.inspect;

import io.ringline.ring.RingDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

import static io.ringline.ring.RecordDescriptor.*;

/**
 * Reads a ring's records through a read-only image, as a subscriber would but without a slot: publishers do not
 * wait for it, so it can be lapped. It checks each record after copying it: the copy is good only if the tail has
 * not moved a whole ring past the record's position since ({@code tail <= position + capacity}), because a publisher
 * claims space (moves the tail) before it writes a byte. When lapped, it skips to the oldest record still whole and
 * counts the bytes it lost.
 *
 * <p>The oldest record still in the ring is found by scanning the last lap, {@code [tail - capacity, tail)}, on the
 * 32-byte record grid for the first tag that equals {@code position ^ salt}: only a record written at that position
 * carries that tag ({@link io.ringline.ring.RecordDescriptor}).
 */
public final class RingReader
{
    /** Receives each whole message. */
    @FunctionalInterface
    public interface Handler
    {
        /**
         * @param position    the message's position in the ring.
         * @param type        its type.
         * @param timestampNs its publish timestamp, or 0.
         * @param payload     a copy of its bytes.
         */
        void onMessage(long position, int type, long timestampNs, byte[] payload);
    }

    private final UnsafeBuffer meta;
    private final UnsafeBuffer data;
    private final int capacity;
    private final int mask;
    private final long salt;
    private long position;
    private long lostBytes;
    private byte[] reassembly;
    private int reassemblyLength = -1;

    /**
     * @param image a validated channel.
     */
    public RingReader(final ChannelImage image)
    {
        this.meta = image.buffer();
        this.capacity = meta.getInt(RingDescriptor.CAPACITY_OFFSET);
        this.mask = capacity - 1;
        this.salt = meta.getLong(RingDescriptor.SALT_OFFSET);
        this.data = new UnsafeBuffer(meta, meta.getInt(RingDescriptor.HEADER_LENGTH_OFFSET), capacity);
    }

    /**
     * Starts at the oldest whole record still in the ring.
     *
     * @return this reader.
     */
    public RingReader fromStart()
    {
        position = oldestPosition();
        return this;
    }

    /**
     * Starts at the tail: only messages published from now on.
     *
     * @return this reader.
     */
    public RingReader fromNow()
    {
        position = meta.getLongVolatile(RingDescriptor.TAIL_OFFSET);
        return this;
    }

    /**
     * @return bytes skipped because publishers lapped this reader.
     */
    public long lostBytes()
    {
        return lostBytes;
    }

    /**
     * Delivers the messages committed since the last call, at most {@code limit}.
     *
     * @param handler receives each message.
     * @param limit   most messages to deliver.
     * @return messages delivered.
     */
    public int poll(final Handler handler, final int limit)
    {
        int delivered = 0;
        while (delivered < limit)
        {
            final long tail = meta.getLongVolatile(RingDescriptor.TAIL_OFFSET);
            if (tail - position > capacity)
            {
                skipLapped();
                continue;
            }
            final int index = (int)position & mask;
            if (data.getLongVolatile(index + TAG_OFFSET) != tag(position, salt))
            {
                break; // nothing yet, or claimed and not yet committed
            }
            final long lengthAndType = data.getLong(index + FRAME_LENGTH_OFFSET);
            final int frameLength = (int)lengthAndType;
            final int type = (int)(lengthAndType >>> 32);
            final int flags = data.getByte(index + FLAGS_OFFSET) & 0xFF;
            final long timestampNs = data.getLong(index + TIMESTAMP_OFFSET);
            if (frameLength < HEADER_LENGTH || frameLength > capacity - index)
            {
                skipLapped(); // overwritten while we read the header
                continue;
            }
            final byte[] payload = (flags & PADDING_FLAG) != 0 ? null : new byte[frameLength - HEADER_LENGTH];
            if (null != payload)
            {
                data.getBytes(index + HEADER_LENGTH, payload);
            }
            VarHandle.acquireFence();
            if (meta.getLongVolatile(RingDescriptor.TAIL_OFFSET) - position > capacity)
            {
                skipLapped(); // a publisher claimed over the record while we copied it
                continue;
            }
            final long recordPosition = position;
            position += (frameLength + ALIGNMENT - 1) & -ALIGNMENT;
            if (null != payload && deliver(handler, recordPosition, type, timestampNs, flags, payload))
            {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliver(
        final Handler handler, final long position, final int type, final long timestampNs, final int flags,
        final byte[] payload)
    {
        if ((flags & UNFRAGMENTED) == UNFRAGMENTED)
        {
            handler.onMessage(position, type, timestampNs, payload);
            return true;
        }
        if ((flags & BEGIN_FLAG) != 0)
        {
            reassembly = new byte[Math.max(payload.length * 4, 4096)];
            reassemblyLength = 0;
        }
        else if (reassemblyLength < 0)
        {
            return false; // a later fragment whose first was before our start or lost
        }
        if (reassemblyLength + payload.length > reassembly.length)
        {
            reassembly = java.util.Arrays.copyOf(reassembly, Math.max(reassembly.length * 2,
                reassemblyLength + payload.length));
        }
        System.arraycopy(payload, 0, reassembly, reassemblyLength, payload.length);
        reassemblyLength += payload.length;
        if ((flags & END_FLAG) == 0)
        {
            return false;
        }
        final byte[] message = java.util.Arrays.copyOf(reassembly, reassemblyLength);
        reassemblyLength = -1;
        handler.onMessage(position, type, timestampNs, message);
        return true;
    }

    private void skipLapped()
    {
        final long oldest = oldestPosition();
        lostBytes += Math.max(0, oldest - position);
        position = Math.max(position, oldest);
        reassemblyLength = -1;
    }

    private long oldestPosition()
    {
        final long tail = meta.getLongVolatile(RingDescriptor.TAIL_OFFSET);
        for (long candidate = Math.max(0, tail - capacity + ALIGNMENT - 1) & -ALIGNMENT; candidate < tail;
            candidate += ALIGNMENT)
        {
            if (data.getLongVolatile(((int)candidate & mask) + TAG_OFFSET) == tag(candidate, salt))
            {
                return candidate;
            }
        }
        return tail;
    }
}
