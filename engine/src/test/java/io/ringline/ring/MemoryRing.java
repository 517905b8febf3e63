package io.ringline.ring;

import io.ringline.ChannelUri;
import io.ringline.Ringline;
import io.ringline.memory.SharedMemory;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A ring channel over a direct buffer of this process instead of a shared object: the real {@link RingChannel},
 * publishers and subscribers, with Agrona's bounds checks on, for the fuzz tests and the jcstress tests (which reuse
 * it through the engine's test jar). Time stands still ({@link #CLOCK} is 0), so no peer is ever judged dead.
 */
public final class MemoryRing implements SharedMemory
{
    /** A clock that never moves: heartbeats never go stale. */
    public static final NanoClock CLOCK = () -> 0L;

    /** The record tests' ring: small enough to lap quickly, and a 1 KiB message goes in four fragments. */
    static final String SMALL_RING = "capacity=4k&max-msg=256&max-fragmented=1k&publishers=2&subscribers=2";
    /** {@link #SMALL_RING}'s capacity. */
    static final int SMALL_CAPACITY = 4096;
    /** {@link #SMALL_RING}'s max-msg. */
    static final int SMALL_MAX_MSG = 256;
    /** {@link #SMALL_RING}'s max-fragmented. */
    static final int SMALL_MAX_FRAGMENTED = 1024;

    private static final RingTransportProvider PROVIDER = new RingTransportProvider();
    private static final Ringline.Context CONTEXT = new Ringline.Context();

    private final AtomicBuffer buffer;

    /**
     * @param length bytes of the region.
     */
    public MemoryRing(final int length)
    {
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
    }

    /**
     * Parameters as a creator with this URI would have them.
     *
     * @param params URI parameters, e.g. {@code capacity=4k&publishers=2}, or empty.
     * @return the parsed parameters.
     */
    static RingParams params(final String params)
    {
        return RingParams.forPublisher(ChannelUri.parse(params.isEmpty() ? "shm:memory" : "shm:memory?" + params),
            CONTEXT);
    }

    /**
     * A new channel, initialised as its creator would.
     *
     * @param params URI parameters, e.g. {@code capacity=4k&publishers=2}.
     * @return the attached channel.
     */
    static RingChannel create(final String params)
    {
        final RingParams parsed = params(params);
        final MemoryRing memory = new MemoryRing((int)RingChannel.regionLength(parsed));
        RingChannel.initialise(memory.buffer, parsed);
        return RingChannel.attach("memory", memory, parsed, CLOCK, 0);
    }

    /**
     * Sets the tail (and so where the next subscriber joins and the next exclusive publisher starts).
     */
    static void tail(final RingChannel channel, final long tail)
    {
        channel.meta.putLongVolatile(RingDescriptor.TAIL_OFFSET, tail);
    }

    /**
     * Joins a subscriber at the tail.
     */
    static RingSubscriber subscriber(final RingChannel channel, final WaitMode waitMode)
    {
        final int slot = SlotTable.claimSubscriber(channel, 0, RingParams.FROM_TAIL);
        return new RingSubscriber(PROVIDER, channel, "memory", slot, null, waitMode, new BackoffIdleStrategy());
    }

    /**
     * Opens a publisher that starts at the tail.
     */
    static RingPublisher publisher(final RingChannel channel, final boolean exclusive)
    {
        final int slot = SlotTable.claimPublisher(channel,
            exclusive ? PublisherSlotDescriptor.EXCLUSIVE : PublisherSlotDescriptor.CONCURRENT, 0);
        return exclusive ?
            new ExclusiveRingPublisher(PROVIDER, channel, "memory", slot, CLOCK, Long.MAX_VALUE) :
            new ConcurrentRingPublisher(PROVIDER, channel, "memory", slot, CLOCK, Long.MAX_VALUE);
    }

    @Override
    public AtomicBuffer buffer()
    {
        return buffer;
    }

    @Override
    public boolean isCreator()
    {
        return true;
    }

    @Override
    public String description()
    {
        return "memory";
    }

    @Override
    public void unlink()
    {
    }

    @Override
    public void close()
    {
    }
}
