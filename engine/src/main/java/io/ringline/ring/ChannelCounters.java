package io.ringline.ring;

import org.agrona.concurrent.AtomicBuffer;

import static io.ringline.ring.ChannelCountersDescriptor.*;

/**
 * Flyweight over a channel's counters, laid out as {@link ChannelCountersDescriptor} draws them. Reads are volatile;
 * each count is an atomic add, since several processes may count at once. Only failure paths count. Wrapping
 * allocates nothing, and a flyweight wrapped once may be shared by threads.
 */
public final class ChannelCounters
{
    private AtomicBuffer buffer;

    /**
     * @param meta the channel's region, from its first byte.
     * @return this.
     */
    public ChannelCounters wrap(final AtomicBuffer meta)
    {
        this.buffer = meta;
        return this;
    }

    /**
     * @return claims refused because the slowest subscriber was a whole ring behind (volatile read).
     */
    public long backPressureVolatile()
    {
        return buffer.getLongVolatile(BACK_PRESSURE_OFFSET);
    }

    /**
     * @return claims refused because no subscriber was active (volatile read).
     */
    public long notConnectedVolatile()
    {
        return buffer.getLongVolatile(NOT_CONNECTED_OFFSET);
    }

    /**
     * @return subscriber slots freed (volatile read).
     */
    public long subscriberEvictionsVolatile()
    {
        return buffer.getLongVolatile(SUBSCRIBER_EVICTIONS_OFFSET);
    }

    /**
     * @return publisher slots freed (volatile read).
     */
    public long publisherEvictionsVolatile()
    {
        return buffer.getLongVolatile(PUBLISHER_EVICTIONS_OFFSET);
    }

    /**
     * @return dead publishers' claims turned into padding (volatile read).
     */
    public long unblocksVolatile()
    {
        return buffer.getLongVolatile(UNBLOCKS_OFFSET);
    }

    /**
     * Counts a claim refused with {@code BACK_PRESSURED}.
     */
    public void incrementBackPressure()
    {
        buffer.getAndAddLong(BACK_PRESSURE_OFFSET, 1);
    }

    /**
     * Counts a claim refused with {@code NOT_CONNECTED}.
     */
    public void incrementNotConnected()
    {
        buffer.getAndAddLong(NOT_CONNECTED_OFFSET, 1);
    }

    /**
     * @param count subscriber slots freed, 0 or more.
     */
    public void addSubscriberEvictions(final int count)
    {
        add(SUBSCRIBER_EVICTIONS_OFFSET, count);
    }

    /**
     * @param count publisher slots freed, 0 or more.
     */
    public void addPublisherEvictions(final int count)
    {
        add(PUBLISHER_EVICTIONS_OFFSET, count);
    }

    /**
     * Counts a dead claim turned into padding.
     */
    public void incrementUnblocks()
    {
        buffer.getAndAddLong(UNBLOCKS_OFFSET, 1);
    }

    private void add(final int counterOffset, final int count)
    {
        if (count > 0)
        {
            buffer.getAndAddLong(counterOffset, count);
        }
    }
}
