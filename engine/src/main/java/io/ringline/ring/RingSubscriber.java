package io.ringline.ring;

import io.ringline.MessageHandler;
import io.ringline.spi.TransportSubscriber;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.BooleanSupplier;

/**
 * Reads a ring from its own position, which it publishes in its slot once per poll so publishers know how far they
 * may go. The records themselves are decoded by its {@link RecordDecoder}: the tag check, the header checks, padding,
 * types, and fragments reassembled into a buffer that grows up to the channel's max-fragmented length and is then
 * reused.
 *
 * <p>{@code receive} is {@link TransportSubscriber}'s template: one poll, then {@link #await} until the deadline. A
 * sleeping wait mode ({@code wait=futex|posixsem|sysvsem}) waits in its {@link Wakeup.Sleeper}, the subscriber side of
 * the wake-up handshake, for as long as the deadline allows in one wait (a close wakes it, so no shorter bound is
 * needed) and without a kernel timer when there is no timeout; the others idle with the subscriber's idle strategy
 * between polls.
 */
final class RingSubscriber extends TransportSubscriber
{

    private final RingTransportProvider provider;
    private final RingChannel channel;
    private final AtomicBuffer meta;
    private final int slotIndex;
    private final SubscriberSlot slot;
    private final long activeWord;
    private final IdleStrategy idleStrategy;
    private final WaitMode waitMode;
    private final Wakeup.Sleeper sleeper;
    private final BooleanSupplier isClosed = this::isClosed;
    private final Unblocker unblocker = new Unblocker();
    private final RecordDecoder decoder;
    private LatencyRecorder latencyRecorder;

    RingSubscriber(
        final RingTransportProvider provider,
        final RingChannel channel,
        final String uri,
        final int slotIndex,
        final int[] types,
        final WaitMode waitMode,
        final IdleStrategy idleStrategy)
    {
        super(uri);
        this.provider = provider;
        this.channel = channel;
        this.meta = channel.meta;
        this.slotIndex = slotIndex;
        this.slot = new SubscriberSlot().wrap(meta, channel.subscriberSlotOffset(slotIndex));
        this.activeWord = slot.stateWordVolatile();
        this.decoder = new RecordDecoder(channel, uri, types, slot.positionVolatile());
        this.waitMode = waitMode;
        this.idleStrategy = idleStrategy;
        this.sleeper = waitMode.isBlocking() ? channel.wakeup.sleeper(waitMode) : null;
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
        if (!Ablations.SKIP_STATE_CHECK && slot.stateWordVolatile() != activeWord)
        {
            if (closed)
            {
                return 0; // closed by another thread while this one was in receive: the slot is gone, not stolen
            }
            throw new IllegalStateException("subscriber was evicted from channel=" + uri + " slot=" + slotIndex +
                ": its heartbeat went stale (process stopped longer than the liveness timeout?)");
        }

        final long start = decoder.position();
        try
        {
            return decoder.poll(null == latencyRecorder ? handler : latencyRecorder.acknowledge(handler), messageLimit);
        }
        finally
        {
            final long position = decoder.position();
            if (position != start)
            {
                slot.positionRelease(position);
            }
        }
    }

    @Override
    protected int pollBeforeWaiting(final MessageHandler handler, final int messageLimit)
    {
        if (null == sleeper)
        {
            idleStrategy.reset();
        }
        return read(handler, messageLimit);
    }

    @Override
    protected int await(final MessageHandler handler, final int messageLimit, final long deadlineNs)
    {
        Wakeup.idleOrSleep(sleeper, idleStrategy, decoder.position(), deadlineNs, isClosed);
        return closed ? 0 : read(handler, messageLimit);
    }

    /**
     * @return {@link WaitMode#awaitsPerClockRead()} of this subscriber's mode.
     */
    @Override
    protected int awaitsPerClockRead()
    {
        return waitMode.awaitsPerClockRead();
    }

    /**
     * Makes this subscriber count every message's latency into its slot's histogram; once, before its first poll.
     *
     * @param recorder the recorder over this subscriber's histogram, already reset.
     */
    void recordLatency(final LatencyRecorder recorder)
    {
        this.latencyRecorder = recorder;
    }

    /**
     * @return how this subscriber waits in {@code receive}.
     */
    WaitMode waitMode()
    {
        return waitMode;
    }

    /**
     * The conductor's safety net for sleepers: a publisher that died between committing a record and waking the
     * sleepers would otherwise leave this subscriber asleep over a message. Wakes it if so.
     *
     * @return 1 when it woke the subscriber.
     */
    int wakeIfSleepingOverAMessage()
    {
        if (null != sleeper && sleeper.isAsleep() && !closed && decoder.hasCommittedRecord())
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
        return closed ? 0 : unblocker.check(channel, decoder.position(), nowNs, unblockTimeoutNs);
    }

    void heartbeat(final long nowNs)
    {
        slot.heartbeatRelease(nowNs);
    }

    @Override
    public long position()
    {
        return decoder.position();
    }

    @Override
    protected void onClose()
    {
        if (null != sleeper)
        {
            sleeper.wakeAll();
        }
        SlotTable.release(slot, activeWord);
        provider.release(this, channel);
    }

    @Override
    public String toString()
    {
        return "RingSubscriber{channel=" + uri + ", slot=" + slotIndex + ", position=" + decoder.position() + "}";
    }
}
