package io.ringline.ring;

import org.agrona.concurrent.AtomicBuffer;

import static io.ringline.ring.SubscriberSlotDescriptor.*;

/**
 * Flyweight over one subscriber slot of a channel, laid out as {@link SubscriberSlotDescriptor} draws it: the
 * position, the state word, the owner and its heartbeat, the join position. Wrapping allocates nothing.
 *
 * <pre>{@code
 * final SubscriberSlot slot = new SubscriberSlot().wrap(meta, slotOffset);
 * if (SubscriberSlotDescriptor.state(slot.stateWordVolatile()) == SubscriberSlotDescriptor.ACTIVE)
 * {
 *     final long position = slot.positionVolatile();
 * }
 * }</pre>
 */
public final class SubscriberSlot extends OwnedSlot
{
    /**
     * A flyweight to {@link #wrap(AtomicBuffer, int)} before use.
     */
    public SubscriberSlot()
    {
        super(STATE_OFFSET, PID_OFFSET, START_TIME_OFFSET, HEARTBEAT_OFFSET);
    }

    /**
     * @param buffer the channel's region.
     * @param offset where the slot starts in it.
     * @return this.
     */
    public SubscriberSlot wrap(final AtomicBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * @return the position of the next record the subscriber reads (volatile read).
     */
    public long positionVolatile()
    {
        return buffer.getLongVolatile(offset + POSITION_OFFSET);
    }

    /**
     * @param position the position at registration, before the state word is set active (volatile write).
     */
    public void positionVolatile(final long position)
    {
        buffer.putLongVolatile(offset + POSITION_OFFSET, position);
    }

    /**
     * @param position the position after a poll, by the subscriber that owns the slot (release write).
     */
    public void positionRelease(final long position)
    {
        buffer.putLongRelease(offset + POSITION_OFFSET, position);
    }

    /**
     * @return the position the subscriber joined at (plain read).
     */
    public long joinPosition()
    {
        return buffer.getLong(offset + JOIN_POSITION_OFFSET);
    }

    /**
     * @param position the position the subscriber joins at (plain write, before the state word is set active).
     */
    public void joinPosition(final long position)
    {
        buffer.putLong(offset + JOIN_POSITION_OFFSET, position);
    }
}
