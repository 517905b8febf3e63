package io.ringline.ring;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Subscriber;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ringline.ring.RecordDescriptor.*;

/**
 * Reads a ring from its own position, which it publishes in its slot once per poll so publishers know how far they
 * may go. A record is read when its tag matches ({@link RecordDescriptor}); padding is skipped; fragments are
 * reassembled into a buffer that grows up to the channel's max-fragmented length and is then reused.
 */
final class RingSubscriber implements Subscriber
{
    private final RingTransportProvider provider;
    private final RingChannel channel;
    private final String uri;
    private final AtomicBuffer meta;
    private final UnsafeBuffer data;
    private final int capacity;
    private final int mask;
    private final long salt;
    private final int maxMsgLength;
    private final int maxFragmentedLength;
    private final int slotIndex;
    private final int positionOffset;
    private final int stateOffset;
    private final long activeWord;
    private final int[] types;
    private final IdleStrategy idleStrategy;
    private final WaitMode waitMode;
    private final ChannelWakeups.Sleeper sleeper;
    private final java.util.function.BooleanSupplier isClosed = this::isClosed;
    private final Header header = new Header();
    private final Unblocker unblocker = new Unblocker();
    private ExpandableDirectByteBuffer reassembly;
    private int reassemblyLength = -1;
    private long position;
    private volatile boolean closed;

    RingSubscriber(
        final RingTransportProvider provider,
        final RingChannel channel,
        final String uri,
        final int slotIndex,
        final int[] types,
        final WaitMode waitMode,
        final IdleStrategy idleStrategy)
    {
        this.provider = provider;
        this.channel = channel;
        this.uri = uri;
        this.meta = channel.meta;
        this.data = channel.data;
        this.capacity = channel.capacity;
        this.mask = channel.mask;
        this.salt = channel.salt;
        this.maxMsgLength = channel.maxMsgLength;
        this.maxFragmentedLength = channel.maxFragmentedLength;
        this.slotIndex = slotIndex;
        final int slot = channel.subscriberSlotOffset(slotIndex);
        this.positionOffset = slot + SubscriberSlotDescriptor.POSITION_OFFSET;
        this.stateOffset = slot + SubscriberSlotDescriptor.STATE_OFFSET;
        this.activeWord = meta.getLongVolatile(stateOffset);
        this.position = meta.getLongVolatile(positionOffset);
        this.types = null == types ? null : types.clone();
        this.waitMode = waitMode;
        this.idleStrategy = idleStrategy;
        this.sleeper = waitMode.isBlocking() ? channel.wakeupsControl.new Sleeper(waitMode) : null;
    }

    @Override
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        if (closed)
        {
            throw new IllegalStateException("subscriber is closed, channel=" + uri);
        }
        return read(handler, messageLimit);
    }

    private int read(final MessageHandler handler, final int messageLimit)
    {
        if (meta.getLongVolatile(stateOffset) != activeWord)
        {
            if (closed)
            {
                return 0; // closed by another thread while this one was in receive: the slot is gone, not stolen
            }
            throw new IllegalStateException("subscriber was evicted from channel=" + uri + " slot=" + slotIndex +
                ": its heartbeat went stale (process stopped longer than the liveness timeout?)");
        }

        final long start = position;
        long position = start;
        int delivered = 0;
        try
        {
            while (delivered < messageLimit && position - start < capacity)
            {
                final int index = (int)position & mask;
                if (data.getLongAcquire(index + TAG_OFFSET) != tag(position, salt))
                {
                    break;
                }

                final long lengthAndType = data.getLong(index + FRAME_LENGTH_OFFSET);
                final int frameLength = (int)lengthAndType;
                final long flagsAndPublisher = data.getLong(index + FLAGS_OFFSET);
                final int flags = (int)flagsAndPublisher & 0xFF;
                checkRecord(index, position, frameLength, flags);
                position += (frameLength + ALIGNMENT - 1) & -ALIGNMENT;

                if ((flags & PADDING_FLAG) != 0)
                {
                    continue;
                }
                final int type = (int)(lengthAndType >>> 32);
                if (null != types && !accepts(type))
                {
                    reassemblyLength = -1;
                    continue;
                }

                final int payloadLength = frameLength - HEADER_LENGTH;
                if ((flags & UNFRAGMENTED) == UNFRAGMENTED)
                {
                    header.set(type, position, data.getLong(index + TIMESTAMP_OFFSET), (int)(flagsAndPublisher >>> 32));
                    this.position = position;
                    handler.onMessage(data, index + HEADER_LENGTH, payloadLength, header);
                    delivered++;
                }
                else if (reassemble(index, payloadLength, flags))
                {
                    header.set(type, position, data.getLong(index + TIMESTAMP_OFFSET), (int)(flagsAndPublisher >>> 32));
                    this.position = position;
                    final int length = reassemblyLength;
                    reassemblyLength = -1;
                    handler.onMessage(reassembly, 0, length, header);
                    delivered++;
                }
            }
        }
        finally
        {
            this.position = position;
            if (position != start)
            {
                meta.putLongRelease(positionOffset, position);
            }
        }
        return delivered;
    }

    private boolean reassemble(final int index, final int payloadLength, final int flags)
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
            return false; // a middle or last fragment without its first: cannot happen in a well-formed ring
        }

        if (reassemblyLength + payloadLength > maxFragmentedLength)
        {
            reassemblyLength = -1;
            throw new IllegalStateException("corrupt fragmented message in channel=" + uri + ": length exceeds " +
                "max-fragmented=" + maxFragmentedLength + " at position=" + position);
        }
        reassembly.putBytes(reassemblyLength, data, index + HEADER_LENGTH, payloadLength);
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
            throw new IllegalStateException("corrupt record in channel=" + uri + " at position=" + position +
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

    @Override
    public int receive(final MessageHandler handler, final int messageLimit)
    {
        return receive(handler, messageLimit, Long.MAX_VALUE);
    }

    @Override
    public int receive(final MessageHandler handler, final int messageLimit, final long timeoutNs)
    {
        if (null == sleeper)
        {
            return receive(handler, messageLimit, idleStrategy, timeoutNs);
        }

        final long startNs = System.nanoTime();
        while (!closed)
        {
            final int received = read(handler, messageLimit);
            if (received > 0)
            {
                return received;
            }
            final long elapsedNs = System.nanoTime() - startNs;
            if (elapsedNs >= timeoutNs)
            {
                return 0;
            }
            if (channel.tailVolatile() != position)
            {
                Thread.yield(); // claimed but not yet committed: the publisher is writing it
                continue;
            }
            sleeper.sleep(position, timeoutNs == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNs - elapsedNs, isClosed);
        }
        return 0;
    }

    /**
     * @return how this subscriber waits in {@code receive}.
     */
    WaitMode waitMode()
    {
        return waitMode;
    }

    @Override
    public int receive(
        final MessageHandler handler, final int messageLimit, final IdleStrategy idleStrategy, final long timeoutNs)
    {
        final long startNs = System.nanoTime();
        idleStrategy.reset();
        while (!closed)
        {
            final int received = read(handler, messageLimit);
            if (received > 0)
            {
                return received;
            }
            if (System.nanoTime() - startNs >= timeoutNs)
            {
                return 0;
            }
            idleStrategy.idle();
        }
        return 0;
    }

    /**
     * The conductor's safety net for sleepers: a publisher that died between committing a record and waking the
     * sleepers would otherwise leave this subscriber asleep over a message. Wakes it if so.
     *
     * @return 1 when it woke the subscriber.
     */
    int wakeIfSleepingOverAMessage()
    {
        if (null != sleeper && sleeper.isAsleep() && !closed &&
            data.getLongAcquire(((int)position & mask) + TAG_OFFSET) == tag(position, salt))
        {
            sleeper.wakeAll();
            return 1;
        }
        return 0;
    }

    /**
     * Conductor duty: skips a record whose publisher died between claim and commit, once this subscriber has been
     * stuck on it for the unblock timeout.
     *
     * @return 1 when it skipped one.
     */
    int unblockIfStuck(final long nowNs, final long unblockTimeoutNs)
    {
        return closed ? 0 : unblocker.check(channel, position, nowNs, unblockTimeoutNs);
    }

    void heartbeat(final long nowNs)
    {
        meta.putLongRelease(stateOffset - SubscriberSlotDescriptor.STATE_OFFSET +
            SubscriberSlotDescriptor.HEARTBEAT_OFFSET, nowNs);
    }

    @Override
    public String channel()
    {
        return uri;
    }

    @Override
    public long position()
    {
        return position;
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            if (null != sleeper)
            {
                sleeper.wakeAll();
            }
            SlotTable.release(meta, stateOffset, activeWord);
            provider.release(this, channel);
        }
    }

    @Override
    public String toString()
    {
        return "RingSubscriber{channel=" + uri + ", slot=" + slotIndex + ", position=" + position + "}";
    }
}
