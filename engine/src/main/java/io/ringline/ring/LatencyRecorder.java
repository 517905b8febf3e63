package io.ringline.ring;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.os.ProcessIdentity;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.NanoClock;

import static io.ringline.ring.LatencyHistogramDescriptor.*;

/**
 * The subscriber's side of its latency histogram ({@link LatencyHistogramDescriptor}): the single writer of the
 * halves. Once per poll {@link #acknowledge()} takes up the half readers made active; then, as a handler wrapped
 * around the application's, it counts each delivered message's publish-to-delivery time before passing it on.
 * Plain loads and stores only, one acquire load and at most one release store per poll: no allocation, no lock.
 */
final class LatencyRecorder implements MessageHandler
{
    private final AtomicBuffer buffer;
    private final int histogramOffset;
    private final NanoClock clock;
    private MessageHandler handler;
    private int half = -1;
    private int maxValueIndex;
    private int countsIndex;

    /**
     * @param buffer          the channel's region (its histograms after the data).
     * @param histogramOffset this subscriber's histogram in it.
     * @param clock           the clock publishers stamp records with (CLOCK_MONOTONIC; injectable for tests).
     */
    LatencyRecorder(final AtomicBuffer buffer, final int histogramOffset, final NanoClock clock)
    {
        this.buffer = buffer;
        this.histogramOffset = histogramOffset;
        this.clock = clock;
    }

    /**
     * Claims the histogram for a newly registered subscriber: zeroes what a previous owner of the slot left and
     * stores its start time. Before the subscriber's first poll, holding the readers' lock so that no drain (in any
     * process) adds a previous owner's counts to the zeroed totals or zeroes a count of the new owner; it waits
     * for a live reader to finish its drain (bounded by that reader's timeout) and takes over a dead one's lock.
     */
    void reset()
    {
        final long pid = ProcessIdentity.selfPid();
        LatencyHistogramLock.lock(buffer, histogramOffset, pid, Long.MAX_VALUE);
        try
        {
            buffer.setMemory(histogramOffset + HALVES_OFFSET, 3 * BLOCK_LENGTH, (byte)0);
            buffer.putLong(histogramOffset + START_TIME_OFFSET, clock.nanoTime());
            buffer.putLongRelease(histogramOffset + LAST_DRAIN_OFFSET, 0);
            half = -1;
            acknowledge();
        }
        finally
        {
            LatencyHistogramLock.unlock(buffer, histogramOffset, pid);
        }
    }

    /**
     * Once per poll, before any message: follows the active half, acknowledging it when it changed.
     *
     * @param handler the application's handler for this poll.
     * @return this, to pass to the decoder.
     */
    MessageHandler acknowledge(final MessageHandler handler)
    {
        this.handler = handler;
        acknowledge();
        return this;
    }

    void acknowledge()
    {
        final int active = (int)buffer.getLongAcquire(histogramOffset + ACTIVE_HALF_OFFSET) & 1;
        if (active != half)
        {
            half = active;
            buffer.putLongRelease(histogramOffset + ACKNOWLEDGED_HALF_OFFSET, active);
            maxValueIndex = histogramOffset + halfOffset(active) + MAX_VALUE_OFFSET;
            countsIndex = histogramOffset + halfOffset(active) + COUNTS_OFFSET;
        }
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        record(clock.nanoTime() - header.timestampNs());
        handler.onMessage(buffer, offset, length, header);
    }

    /**
     * Counts one value into the active half.
     *
     * @param valueNs a latency, ns; clamped into 0 to {@link LatencyHistogramDescriptor#HIGHEST_VALUE}.
     */
    void record(final long valueNs)
    {
        final long value = Math.min(Math.max(valueNs, 0), HIGHEST_VALUE);
        final int index = countsIndex + (countsIndex(value) << 3);
        buffer.putLong(index, buffer.getLong(index) + 1);
        if (valueNs > buffer.getLong(maxValueIndex))
        {
            buffer.putLong(maxValueIndex, valueNs);
        }
    }
}
