package io.ringline.ring;

import org.agrona.concurrent.AtomicBuffer;

import static io.ringline.ring.PublisherSlotDescriptor.*;

/**
 * Flyweight over one publisher slot of a channel, laid out as {@link PublisherSlotDescriptor} draws it: the state
 * word, the mode, the owner and its heartbeat, the range of the last claim. Wrapping allocates nothing.
 */
public final class PublisherSlot extends OwnedSlot
{
    /**
     * A flyweight to {@link #wrap(AtomicBuffer, int)} before use.
     */
    public PublisherSlot()
    {
        super(STATE_OFFSET, PID_OFFSET, START_TIME_OFFSET, HEARTBEAT_OFFSET);
    }

    /**
     * @param buffer the channel's region.
     * @param offset where the slot starts in it.
     * @return this.
     */
    public PublisherSlot wrap(final AtomicBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * @return {@link PublisherSlotDescriptor#EXCLUSIVE} or {@link PublisherSlotDescriptor#CONCURRENT} (plain read).
     */
    public int mode()
    {
        return buffer.getInt(offset + MODE_OFFSET);
    }

    /**
     * @return the mode (volatile read), to judge another publisher's.
     */
    public int modeVolatile()
    {
        return buffer.getIntVolatile(offset + MODE_OFFSET);
    }

    /**
     * @param mode the mode (plain write).
     */
    public void mode(final int mode)
    {
        buffer.putInt(offset + MODE_OFFSET, mode);
    }

    /**
     * @param mode the mode (volatile write), before checking the other publishers' modes.
     */
    public void modeVolatile(final int mode)
    {
        buffer.putIntVolatile(offset + MODE_OFFSET, mode);
    }

    /**
     * @return where the last claim starts (volatile read).
     */
    public long claimStartVolatile()
    {
        return buffer.getLongVolatile(offset + CLAIM_START_OFFSET);
    }

    /**
     * @return where the last claim ends (volatile read).
     */
    public long claimEndVolatile()
    {
        return buffer.getLongVolatile(offset + CLAIM_END_OFFSET);
    }

    /**
     * Records the range about to be claimed: plain writes, ordered before the claim by its compare-and-set or release.
     *
     * @param start where the claim starts (a record, or padding then a record).
     * @param end   the tail after the claim.
     */
    public void claim(final long start, final long end)
    {
        buffer.putLong(offset + CLAIM_START_OFFSET, start);
        buffer.putLong(offset + CLAIM_END_OFFSET, end);
    }
}
