package io.ringline.tools.stat;

import org.HdrHistogram.Histogram;

/**
 * One subscriber slot's latency, as a drain of its histogram found it: the interval since the previous drain (by
 * any reader) and the totals since the subscriber started.
 *
 * @param slot     the subscriber slot.
 * @param swapped  false when the subscriber did not acknowledge the swap in time (not polling): the interval then
 *                 lacks its latest counts, which the next drain takes.
 * @param interval since the previous drain.
 * @param total    since the subscriber started.
 */
public record SubscriberLatency(int slot, boolean swapped, Window interval, Window total)
{
    /** Percentiles {@code stat} shows, in the order it shows them. */
    public static final double[] PERCENTILES = { 50, 90, 99, 99.9 };
    /** Their names in JSON and OpenMetrics: p50, p90, p99, p99_9. */
    public static final String[] PERCENTILE_NAMES = { "p50", "p90", "p99", "p99_9" };

    /**
     * Latencies over a span of time.
     *
     * @param histogram  the values, ns, at the histogram's precision (2 significant digits).
     * @param maxNs      the largest value, exact.
     * @param durationNs how long the span lasted.
     */
    public record Window(Histogram histogram, long maxNs, long durationNs)
    {
        /**
         * @return messages counted.
         */
        public long count()
        {
            return histogram.getTotalCount();
        }

        /**
         * @return messages per second over the span.
         */
        public double ratePerSecond()
        {
            return durationNs <= 0 ? 0 : count() * 1e9 / durationNs;
        }

        /**
         * @param percentile 0 to 100.
         * @return the value at it, ns (the highest value equivalent to it at the histogram's precision, but never
         *     over the exact max), or 0 when nothing was counted.
         */
        public long valueAt(final double percentile)
        {
            return count() == 0 ? 0 : Math.min(histogram.getValueAtPercentile(percentile), Math.max(maxNs, 1));
        }
    }
}
