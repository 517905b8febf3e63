package io.ringline.ring;

import io.ringline.RinglineException;
import io.ringline.os.Owner;
import io.ringline.memory.SharedMemory;
import io.ringline.memory.SysVSharedMemory;
import io.ringline.os.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.ringline.ring.RingDescriptor.*;

/**
 * One mapped ring channel in this process: the shared region, its validated header, and a buffer over its data.
 * Publishers and subscribers of the same channel in one process share one {@code RingChannel}.
 */
final class RingChannel
{
    final String name;
    final SharedMemory memory;
    final AtomicBuffer meta;
    final UnsafeBuffer data;
    final int capacity;
    final int mask;
    final int maxMsgLength;
    final int maxFragmentedLength;
    final int subscriberSlots;
    final int publisherSlots;
    final int subscriberSlotsOffset;
    final boolean timestamps;
    final long latencyAreaOffset;
    final boolean wakeups;
    final WaitMode defaultWaitMode;
    final long salt;
    final Wakeup wakeup;
    final ChannelCounters counters;
    int users;

    private RingChannel(final String name, final SharedMemory memory, final int perm, final int expectedOwnerUid)
    {
        this.name = name;
        this.memory = memory;
        this.meta = memory.buffer();
        this.capacity = meta.getInt(CAPACITY_OFFSET);
        this.mask = capacity - 1;
        this.maxMsgLength = meta.getInt(MAX_MSG_LENGTH_OFFSET);
        this.maxFragmentedLength = meta.getInt(MAX_FRAGMENTED_LENGTH_OFFSET);
        this.subscriberSlots = meta.getInt(SUBSCRIBER_SLOT_COUNT_OFFSET);
        this.publisherSlots = meta.getInt(PUBLISHER_SLOT_COUNT_OFFSET);
        this.subscriberSlotsOffset = subscriberSlotsOffset(publisherSlots);
        final int flags = meta.getInt(FLAGS_OFFSET);
        this.timestamps = (flags & FLAG_TIMESTAMPS) != 0;
        this.latencyAreaOffset = (flags & FLAG_LATENCY) != 0 ? (long)meta.getInt(HEADER_LENGTH_OFFSET) + capacity : -1;
        this.wakeups = (flags & FLAG_WAKEUPS) != 0;
        this.defaultWaitMode = WaitMode.values()[(flags >>> WAIT_MODE_SHIFT) & WAIT_MODE_MASK];
        this.salt = meta.getLong(SALT_OFFSET);
        this.data = new UnsafeBuffer(meta, meta.getInt(HEADER_LENGTH_OFFSET), capacity);
        this.counters = new ChannelCounters().wrap(meta);
        this.wakeup = new Wakeup("channel=" + name, meta, Wakeup.RING_WORDS, salt, wakeups, perm, expectedOwnerUid);
    }

    /**
     * Wraps a region that holds (or is about to hold) a channel: waits for its ready word, validates the header
     * against the region and the URI, and touches every page so that no message pays a page fault.
     */
    static RingChannel attach(
        final String name, final SharedMemory memory, final RingParams params, final NanoClock clock,
        final long openTimeoutMs)
    {
        try
        {
            awaitReady(name, memory, clock, openTimeoutMs);
            validate(name, memory.buffer(), params);
            touchPages(memory.buffer());
            return new RingChannel(name, memory, params.perm, params.anyOwner ? Owner.ANY_UID : Owner.self());
        }
        catch (final RuntimeException ex)
        {
            memory.close();
            throw ex;
        }
    }

    /**
     * Writes a new channel's header; the magic goes last, with release semantics.
     *
     * @param buffer the zero-filled region.
     * @param params the creator's parameters.
     */
    static void initialise(final AtomicBuffer buffer, final RingParams params)
    {
        buffer.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        buffer.putInt(HEADER_LENGTH_OFFSET, params.headerLength());
        buffer.putInt(CAPACITY_OFFSET, params.capacity);
        buffer.putInt(MAX_MSG_LENGTH_OFFSET, params.maxMsgLength);
        buffer.putInt(MAX_FRAGMENTED_LENGTH_OFFSET, params.maxFragmentedLength);
        buffer.putInt(SUBSCRIBER_SLOT_COUNT_OFFSET, params.subscriberSlots);
        buffer.putInt(PUBLISHER_SLOT_COUNT_OFFSET, params.publisherSlots);
        buffer.putInt(FLAGS_OFFSET, (params.timestamps ? FLAG_TIMESTAMPS : 0) | (params.wakeups ? FLAG_WAKEUPS : 0) |
            (params.latency ? FLAG_LATENCY : 0) |
            (null == params.wait ? WaitMode.BACKOFF : params.wait).ordinal() << WAIT_MODE_SHIFT);
        buffer.putLong(SALT_OFFSET, ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        buffer.putLong(CREATOR_PID_OFFSET, ProcessIdentity.selfPid());
        buffer.putLong(CREATOR_START_TIME_OFFSET, ProcessIdentity.selfStartTime());
        buffer.putLong(CREATED_EPOCH_MS_OFFSET, System.currentTimeMillis());
        buffer.putInt(CHECKSUM_OFFSET, checksum(buffer));
        buffer.putLongRelease(MAGIC_OFFSET, MAGIC);
    }

    /**
     * @param params parameters of the channel.
     * @return bytes of the whole region.
     */
    static long regionLength(final RingParams params)
    {
        return (long)params.headerLength() + params.capacity +
            (params.latency ? latencyAreaLength(params.subscriberSlots) : 0);
    }

    private static void awaitReady(
        final String name, final SharedMemory memory, final NanoClock clock, final long openTimeoutMs)
    {
        final AtomicBuffer buffer = memory.buffer();
        final long deadlineNs = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(openTimeoutMs);
        while (buffer.getLongAcquire(MAGIC_OFFSET) == 0)
        {
            // A file is linked under its name only once initialised; only a System V segment is visible earlier.
            if (!(memory instanceof SysVSharedMemory) || clock.nanoTime() - deadlineNs > 0)
            {
                throw new RinglineException("channel=" + name + " " + memory.description() +
                    " is not initialised (magic=0)" + (memory instanceof SysVSharedMemory ?
                    " after openTimeoutMs=" + openTimeoutMs + "; its creator may have died" :
                    ": not a Ringline channel, or truncated"));
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new RinglineException("channel=" + name + " interrupted while waiting for its creator", ex);
            }
        }
    }

    /**
     * Checks that the URI's explicit parameters agree with this channel's header; for an opener that finds the
     * channel already mapped in this process.
     */
    void checkAgrees(final RingParams params)
    {
        validate(name, meta, params);
    }

    private static void validate(final String name, final AtomicBuffer buffer, final RingParams params)
    {
        checkHeader(name, buffer);
        final String where = "channel=" + name + " ";
        final int capacity = buffer.getInt(CAPACITY_OFFSET);
        final int subscriberSlots = buffer.getInt(SUBSCRIBER_SLOT_COUNT_OFFSET);
        final int publisherSlots = buffer.getInt(PUBLISHER_SLOT_COUNT_OFFSET);
        final int maxMsgLength = buffer.getInt(MAX_MSG_LENGTH_OFFSET);
        final int maxFragmentedLength = buffer.getInt(MAX_FRAGMENTED_LENGTH_OFFSET);
        checkAgrees(where, params, "capacity", capacity, params.capacity);
        checkAgrees(where, params, "max-msg", maxMsgLength, params.maxMsgLength);
        checkAgrees(where, params, "max-fragmented", maxFragmentedLength, params.maxFragmentedLength);
        checkAgrees(where, params, "subscribers", subscriberSlots, params.subscriberSlots);
        checkAgrees(where, params, "publishers", publisherSlots, params.publisherSlots);
        final int flags = buffer.getInt(FLAGS_OFFSET);
        checkAgrees(where, params, "timestamps", (flags & FLAG_TIMESTAMPS) != 0 ? 1 : 0, params.timestamps ? 1 : 0);
        checkAgrees(where, params, "latency", (flags & FLAG_LATENCY) != 0 ? 1 : 0, params.latency ? 1 : 0);
        checkAgrees(where, params, "wakeups", (flags & FLAG_WAKEUPS) != 0 ? 1 : 0, params.wakeups ? 1 : 0);
        if (null != params.wait && params.wait.isBlocking() && (flags & FLAG_WAKEUPS) == 0)
        {
            throw new RinglineException(where + "was created without wakeups, so wait=" + params.uri.get("wait", "") +
                " would sleep forever; add wakeups=true (or a sleeping wait=) to the URI of the process that " +
                "creates the channel");
        }
    }

    private static void checkAgrees(
        final String where, final RingParams params, final String name, final int inFile, final int inUri)
    {
        if (params.uri.has(name) && inFile != inUri)
        {
            throw new RinglineException(where + "exists with " + name + "=" + inFile + " but the URI asks for " +
                name + "=" + params.uri.get(name, "") + "; remove the channel or drop the parameter");
        }
    }

    /**
     * Touches every page with an atomic add of zero: maps the page for writing in this process without changing
     * a byte that another process may be writing at the same moment.
     */
    private static void touchPages(final AtomicBuffer buffer)
    {
        final int length = buffer.capacity();
        for (int offset = 0; offset < length; offset += PAGE_SIZE)
        {
            buffer.getAndAddInt(offset, 0);
        }
    }

    long tailVolatile()
    {
        return meta.getLongVolatile(TAIL_OFFSET);
    }

    int subscriberSlotOffset(final int index)
    {
        return subscriberSlotsOffset + index * SubscriberSlotDescriptor.SLOT_LENGTH;
    }

    /**
     * @param index a subscriber slot.
     * @return offset of its latency histogram, or -1 when the channel has none.
     */
    int latencyHistogramOffset(final int index)
    {
        return latencyAreaOffset < 0 ? -1 :
            (int)LatencyHistogramDescriptor.histogramOffset(latencyAreaOffset, index);
    }

    int publisherSlotOffset(final int index)
    {
        return PUBLISHER_SLOTS_OFFSET + index * PublisherSlotDescriptor.SLOT_LENGTH;
    }

    void close()
    {
        wakeup.close();
        memory.close();
    }

    @Override
    public String toString()
    {
        return name;
    }
}
