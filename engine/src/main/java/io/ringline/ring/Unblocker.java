package io.ringline.ring;

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
 */
final class Unblocker
{
    private long stuckPosition = -1;
    private long stuckSinceNs;

    /**
     * @param channel          the subscriber's channel.
     * @param position         the subscriber's position, as the conductor sees it.
     * @param nowNs            the conductor's clock.
     * @param unblockTimeoutNs how long a record must stay stuck.
     * @return 1 when it skipped a dead claim.
     */
    int check(final RingChannel channel, final long position, final long nowNs, final long unblockTimeoutNs)
    {
        if (!isStuck(channel, position))
        {
            stuckPosition = -1;
            return 0;
        }
        if (position != stuckPosition)
        {
            stuckPosition = position;
            stuckSinceNs = nowNs;
            return 0;
        }
        if (nowNs - stuckSinceNs < unblockTimeoutNs)
        {
            return 0;
        }
        return unblock(channel, position) ? 1 : 0;
    }

    private static boolean isStuck(final RingChannel channel, final long position)
    {
        final int index = (int)position & channel.mask;
        return channel.data.getLongVolatile(index + TAG_OFFSET) != tag(position, channel.salt) &&
            channel.tailVolatile() > position;
    }

    static boolean unblock(final RingChannel channel, final long position)
    {
        final PublisherSlot slot = new PublisherSlot();
        long deadEnd = Long.MAX_VALUE;
        for (int i = 0; i < channel.publisherSlots; i++)
        {
            slot.wrap(channel.meta, channel.publisherSlotOffset(i));
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

        final int index = (int)position & channel.mask;
        final long gapEnd = Math.min(deadEnd, position + (channel.capacity - index));
        final int gap = (int)(gapEnd - position);
        final long stale = channel.data.getLongVolatile(index + TAG_OFFSET);
        if (stale == tag(position, channel.salt) || gap < HEADER_LENGTH || (gap & (ALIGNMENT - 1)) != 0)
        {
            return false;
        }
        channel.data.putLong(index + FRAME_LENGTH_OFFSET, gap & 0xFFFF_FFFFL);
        channel.data.putLong(index + FLAGS_OFFSET, (-1L << 32) | PADDING_FLAG);
        channel.data.putLong(index + TIMESTAMP_OFFSET, 0L);
        if (channel.data.compareAndSetLong(index + TAG_OFFSET, stale, tag(position, channel.salt)))
        {
            channel.counters.incrementUnblocks();
            return true;
        }
        return false;
    }
}
