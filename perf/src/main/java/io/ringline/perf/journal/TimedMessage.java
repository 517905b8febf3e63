package io.ringline.perf.journal;

import io.ringline.perf.BenchMessage;

/**
 * The journal comparison's message: {@link BenchMessage}'s sequence number, then the {@link System#nanoTime()} at
 * which it was due to be sent, then zero padding up to the run's size (40 bytes in the runs).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Sequence Number                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Due Time (nanoTime)                       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Padding up to the message size               ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 * {@link System#nanoTime()} reads CLOCK_MONOTONIC on Linux, one clock for every process of the machine, so the
 * reader's receive time minus the writer's due time is the one-way latency.
 */
public final class TimedMessage
{
    /**
     * Offset of the sequence number, as in {@link BenchMessage}.
     */
    public static final int SEQUENCE_OFFSET = BenchMessage.SEQUENCE_OFFSET;

    /**
     * Offset of the due time.
     */
    public static final int TIMESTAMP_OFFSET = SEQUENCE_OFFSET + Long.BYTES;

    /**
     * Smallest message that holds both fields.
     */
    public static final int MIN_LENGTH = TIMESTAMP_OFFSET + Long.BYTES;

    private TimedMessage()
    {
    }

    /**
     * @param size message bytes.
     * @return size.
     * @throws IllegalArgumentException if the message cannot hold both fields.
     */
    public static int checkSize(final int size)
    {
        if (size < MIN_LENGTH)
        {
            throw new IllegalArgumentException("message too small for sequence and time: size=" + size +
                ", min=" + MIN_LENGTH);
        }
        return size;
    }

    /**
     * Told of each message a {@link OneWayChannel.Reader} reads.
     */
    @FunctionalInterface
    public interface Sink
    {
        /**
         * @param sequence    of the message.
         * @param timestampNs when it was due to be sent.
         */
        void onMessage(long sequence, long timestampNs);
    }
}
