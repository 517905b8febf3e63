package io.ringline.ring;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ringline.ring.RecordDescriptor.*;

/**
 * Frees subscribers from a publisher that died between claiming space and committing it. Run by the conductor of a
 * process whose subscriber has been stuck on the same uncommitted record for the unblock timeout; nothing here is on
 * the hot path.
 *
 * <p>The stuck record at position P is skipped only when the range a publisher recorded in its slot before claiming
 * ({@link PublisherSlot#claim(long, long)}) covers P, no live publisher's range covers P, and the process of
 * one that does is gone. The record becomes padding up to the smallest such range's end (never past the end of the
 * lap): if that is short of the real claim, the subscriber stops again at the next uncommitted byte and the next round
 * skips the rest, so a committed record is never skipped. The padding's header is written first and its tag last, by
 * compare-and-set against the stale word seen, so that two conductors (in two subscriber processes) cannot both
 * write it and a late commit would lose, not corrupt.
 *
 * <p>The journal uses the same rule on its own publisher slots and segments: {@link #isStuckFor} times a reader's stay
 * on one uncommitted record and {@link #padDeadClaim} skips it.
 */
public final class Unblocker
{
    private long stuckPosition = -1;
    private long stuckSinceNs;

    /**
     * A timer for one reader; not thread safe.
     */
    public Unblocker()
    {
    }

    /**
     * @param channel          the subscriber's channel.
     * @param position         the subscriber's position, as the conductor sees it.
     * @param nowNs            the conductor's clock.
     * @param unblockTimeoutNs how long a record must stay stuck.
     * @return 1 when it skipped a dead claim.
     */
    int check(final RingChannel channel, final long position, final long nowNs, final long unblockTimeoutNs)
    {
        return isStuckFor(isStuck(channel, position), position, nowNs, unblockTimeoutNs) &&
            unblock(channel, position) ? 1 : 0;
    }

    /**
     * Times a reader's stay on one uncommitted record.
     *
     * @param stuck            whether the record at {@code position} is uncommitted while the tail is past it.
     * @param position         the reader's position.
     * @param nowNs            the caller's clock.
     * @param unblockTimeoutNs how long a record must stay stuck.
     * @return true when the reader has been stuck at this same position for the timeout.
     */
    public boolean isStuckFor(
        final boolean stuck, final long position, final long nowNs, final long unblockTimeoutNs)
    {
        if (!stuck)
        {
            stuckPosition = -1;
            return false;
        }
        if (position != stuckPosition)
        {
            stuckPosition = position;
            stuckSinceNs = nowNs;
            return false;
        }
        return nowNs - stuckSinceNs >= unblockTimeoutNs;
    }

    private static boolean isStuck(final RingChannel channel, final long position)
    {
        final int index = (int)position & channel.mask;
        return channel.data.getLongVolatile(index + TAG_OFFSET) != tag(position, channel.salt) &&
            channel.tailVolatile() > position;
    }

    static boolean unblock(final RingChannel channel, final long position)
    {
        final int index = (int)position & channel.mask;
        if (padDeadClaim(channel.meta, RingDescriptor.PUBLISHER_SLOTS_OFFSET, channel.publisherSlots, channel.data,
            index, position, channel.salt, channel.capacity - index))
        {
            channel.counters.incrementUnblocks();
            return true;
        }
        return false;
    }

    /**
     * Turns the uncommitted record at {@code position} into padding when a dead publisher's recorded claim covers it
     * and no live publisher's does: the rule of this class, on any table of {@link PublisherSlotDescriptor} slots.
     *
     * @param meta                 the buffer holding the publisher slots.
     * @param publisherSlotsOffset offset of slot 0; slots follow every {@link PublisherSlotDescriptor#SLOT_LENGTH}.
     * @param publisherSlots       number of slots.
     * @param data                 the buffer holding the record.
     * @param index                the record's offset in {@code data}.
     * @param position             the record's position.
     * @param salt                 the channel's salt.
     * @param bytesToEnd           bytes from {@code index} to the end of the lap or segment, which no record crosses.
     * @return true when this call wrote the padding.
     */
    public static boolean padDeadClaim(
        final AtomicBuffer meta,
        final int publisherSlotsOffset,
        final int publisherSlots,
        final UnsafeBuffer data,
        final int index,
        final long position,
        final long salt,
        final int bytesToEnd)
    {
        final PublisherSlot slot = new PublisherSlot();
        long deadEnd = Long.MAX_VALUE;
        for (int i = 0; i < publisherSlots; i++)
        {
            slot.wrap(meta, publisherSlotsOffset + i * PublisherSlotDescriptor.SLOT_LENGTH);
            final long start = slot.claimStartVolatile();
            final long end = slot.claimEndVolatile();
            if (start > position || position >= end)
            {
                continue;
            }
            final int state = SubscriberSlotDescriptor.state(slot.stateWordVolatile());
            final boolean alive = state != SubscriberSlotDescriptor.FREE && slot.isOwnerAlive();
            if (alive)
            {
                return false; // a live publisher is still writing it
            }
            deadEnd = Math.min(deadEnd, end);
        }
        if (deadEnd == Long.MAX_VALUE)
        {
            return false; // nobody's recorded claim covers it: cannot know how much to skip
        }

        final long gapEnd = Math.min(deadEnd, position + bytesToEnd);
        final int gap = (int)(gapEnd - position);
        final long stale = data.getLongVolatile(index + TAG_OFFSET);
        if (stale == tag(position, salt) || gap < HEADER_LENGTH || (gap & (ALIGNMENT - 1)) != 0)
        {
            return false;
        }
        data.putLong(index + FRAME_LENGTH_OFFSET, gap & 0xFFFF_FFFFL);
        data.putLong(index + FLAGS_OFFSET, (-1L << 32) | PADDING_FLAG);
        data.putLong(index + TIMESTAMP_OFFSET, 0L);
        return data.compareAndSetLong(index + TAG_OFFSET, stale, tag(position, salt));
    }
}
