package io.ringline.perf;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The payload every peer sends: a sequence number in the first eight bytes (native byte order), the rest zero.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Sequence Number                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Padding up to the message size               ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 * Data messages count up from 1. A throughput producer also sends two markers: {@link #MEASURE_START} when its
 * warm-up ends and {@link #END_OF_STREAM} when it stops.
 */
public final class BenchMessage
{
    /**
     * Offset of the sequence number.
     */
    public static final int SEQUENCE_OFFSET = 0;

    /**
     * Smallest message that holds a sequence number.
     */
    public static final int MIN_LENGTH = Long.BYTES;

    /**
     * Marker sequence: the consumer starts its clock here.
     */
    public static final long MEASURE_START = -2;

    /**
     * Marker sequence: the producer has stopped; the consumer stops its clock here.
     */
    public static final long END_OF_STREAM = -1;

    private BenchMessage()
    {
    }

    /**
     * @param buffer   holding a message.
     * @param offset   of the message.
     * @return its sequence number.
     */
    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET);
    }

    /**
     * @param buffer   to write into.
     * @param offset   of the message.
     * @param sequence to write.
     */
    public static void sequence(final MutableDirectBuffer buffer, final int offset, final long sequence)
    {
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence);
    }
}
