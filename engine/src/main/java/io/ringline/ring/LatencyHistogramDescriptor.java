package io.ringline.ring;

/**
 * Byte layout of one subscriber's latency histogram, kept after the ring's data when the channel was created with
 * {@code latency=true}: one block of {@link #LENGTH} bytes per subscriber slot, in slot order, starting at
 * {@code headerLength + capacity}. Three count arrays follow the control words: two halves that the subscriber fills
 * in turn (the active one) and the totals that readers accumulate the drained halves into.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Active half (0 or 1), written by readers      |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved up to byte 64                        |  8
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Acknowledged half, written by the subscriber  | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Subscriber start (ns, CLOCK_MONOTONIC)        | 72
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved up to byte 128                       | 80
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Reader lock (pid of the reader, 0 free)       | 128
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Last drain (ns, CLOCK_MONOTONIC)              | 136
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved up to byte 192                       | 144
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Half 0: counts block                          | 192
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Half 1: counts block                          | 28928
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Totals: counts block                          | 57664
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A counts block is {@link #BLOCK_LENGTH} bytes: the largest value recorded (int64) at 0, reserved up to 64, then
 * {@link #COUNTS_LENGTH} int64 counts. Count {@code i} is the number of values whose HdrHistogram index is {@code i}
 * in a histogram of lowest trackable value {@link #LOWEST_VALUE}, highest {@link #HIGHEST_VALUE} and
 * {@link #SIGNIFICANT_DIGITS} significant digits: log-linear buckets, 128 sub-buckets per power of two, so that
 * {@code new Histogram(1, 10_000_000_000L, 2)} is rebuilt by recording {@link #valueFromIndex(int)} with each count.
 * Values are nanoseconds from a record's publish timestamp to its delivery; below 0 count as 0, above the highest as
 * the highest (the block's largest value keeps the true one).
 *
 * <p>The swap, without a lock and without an atomic read-modify-write on the subscriber's side: the subscriber, the
 * only writer of the halves, loads the active half with acquire once per poll and, when it changed, stores it as
 * the acknowledged half with release before recording into it. A reader (one at a time, by compare-and-set of the
 * reader lock) first waits until acknowledged equals active; the other half is then quiescent, and the reader adds
 * it to the totals and zeroes it. It then stores the other index as active (release) and waits, bounded, for the
 * acknowledgement; once it sees it (acquire) every count of the old half is visible and no more will come, so it
 * drains that half too. A subscriber that does not poll leaves the swap pending; the next reader finishes it. A new
 * subscriber in the slot resets the histogram holding the reader lock, so no drain overlaps the reset.
 */
public final class LatencyHistogramDescriptor
{
    /** Lowest value the buckets tell apart, ns. */
    public static final long LOWEST_VALUE = 1;
    /** Highest value the buckets track, ns (10 s); larger values are counted as this one. */
    public static final long HIGHEST_VALUE = 10_000_000_000L;
    /** Significant decimal digits kept of every value. */
    public static final int SIGNIFICANT_DIGITS = 2;
    /** log2 of the sub-buckets of one bucket: 2 * 10^2 = 200 values told apart, rounded up to 256. */
    public static final int SUB_BUCKET_COUNT_MAGNITUDE = 8;
    /** Buckets needed to reach {@link #HIGHEST_VALUE}: 256 * 2^26 is the first power past 10^10. */
    public static final int BUCKET_COUNT = 27;
    /** Counts in one block: (buckets + 1) * 128, HdrHistogram's {@code countsArrayLength}. */
    public static final int COUNTS_LENGTH = (BUCKET_COUNT + 1) << (SUB_BUCKET_COUNT_MAGNITUDE - 1);

    /** Offset of the active half, written by readers. */
    public static final int ACTIVE_HALF_OFFSET = 0;
    /** Offset of the half the subscriber acknowledged, written by it. */
    public static final int ACKNOWLEDGED_HALF_OFFSET = 64;
    /** Offset of the subscriber's start time. */
    public static final int START_TIME_OFFSET = 72;
    /** Offset of the readers' lock: the pid of the reader holding it, 0 when free. */
    public static final int READER_LOCK_OFFSET = 128;
    /** Offset of the time of the last drain. */
    public static final int LAST_DRAIN_OFFSET = 136;
    /** Offset of the first half's counts block. */
    public static final int HALVES_OFFSET = 192;
    /** Offset, in a counts block, of the largest value recorded. */
    public static final int MAX_VALUE_OFFSET = 0;
    /** Offset, in a counts block, of the first count. */
    public static final int COUNTS_OFFSET = 64;
    /** Length of a counts block. */
    public static final int BLOCK_LENGTH = COUNTS_OFFSET + COUNTS_LENGTH * Long.BYTES;
    /** Offset of the totals' counts block. */
    public static final int TOTALS_OFFSET = HALVES_OFFSET + 2 * BLOCK_LENGTH;
    /** Length of one subscriber's histogram, a multiple of 64. */
    public static final int LENGTH = TOTALS_OFFSET + BLOCK_LENGTH;

    private static final int SUB_BUCKET_HALF_COUNT_MAGNITUDE = SUB_BUCKET_COUNT_MAGNITUDE - 1;
    private static final int SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_COUNT_MAGNITUDE;
    private static final long SUB_BUCKET_MASK = (1L << SUB_BUCKET_COUNT_MAGNITUDE) - 1;
    private static final int LEADING_ZERO_COUNT_BASE = 64 - SUB_BUCKET_COUNT_MAGNITUDE;

    private LatencyHistogramDescriptor()
    {
    }

    /**
     * HdrHistogram's counts index of a value, for a value in 0 to {@link #HIGHEST_VALUE}.
     *
     * @param value a latency, ns.
     * @return the index of its count.
     */
    public static int countsIndex(final long value)
    {
        final int bucketIndex = LEADING_ZERO_COUNT_BASE - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK);
        final int subBucketIndex = (int)(value >>> bucketIndex);
        return ((bucketIndex + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + (subBucketIndex - SUB_BUCKET_HALF_COUNT);
    }

    /**
     * The lowest value of a count's bucket: recorded into an HdrHistogram of the same parameters, it lands at the
     * same index.
     *
     * @param index index of a count.
     * @return the lowest value it counts, ns.
     */
    public static long valueFromIndex(final int index)
    {
        int bucketIndex = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
        int subBucketIndex = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
        if (bucketIndex < 0)
        {
            subBucketIndex -= SUB_BUCKET_HALF_COUNT;
            bucketIndex = 0;
        }
        return (long)subBucketIndex << bucketIndex;
    }

    /**
     * @param latencyAreaOffset where the histograms start: headerLength + capacity.
     * @param slotIndex         the subscriber slot.
     * @return offset of that slot's histogram in the region.
     */
    public static long histogramOffset(final long latencyAreaOffset, final int slotIndex)
    {
        return latencyAreaOffset + (long)slotIndex * LENGTH;
    }

    /**
     * @param half 0 or 1.
     * @return offset of that half's counts block in a histogram.
     */
    public static int halfOffset(final int half)
    {
        return HALVES_OFFSET + half * BLOCK_LENGTH;
    }
}
