package io.ringline.perf;

import java.util.List;
import java.util.function.ToLongFunction;

import org.HdrHistogram.Histogram;

/**
 * The percentiles reported for a round-trip run, in nanoseconds.
 *
 * @param p50Ns   median.
 * @param p90Ns   90th percentile.
 * @param p99Ns   99th percentile.
 * @param p999Ns  99.9th percentile.
 * @param maxNs   largest.
 * @param count   round trips measured.
 */
public record LatencySummary(long p50Ns, long p90Ns, long p99Ns, long p999Ns, long maxNs, long count)
{
    /**
     * @param histogram of round trips in nanoseconds.
     * @return its summary.
     */
    public static LatencySummary from(final Histogram histogram)
    {
        return new LatencySummary(
            histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9),
            histogram.getMaxValue(),
            histogram.getTotalCount());
    }

    /**
     * @param rounds at least one summary.
     * @return each field's median over the rounds.
     */
    public static LatencySummary median(final List<LatencySummary> rounds)
    {
        return new LatencySummary(
            median(rounds, LatencySummary::p50Ns),
            median(rounds, LatencySummary::p90Ns),
            median(rounds, LatencySummary::p99Ns),
            median(rounds, LatencySummary::p999Ns),
            median(rounds, LatencySummary::maxNs),
            median(rounds, LatencySummary::count));
    }

    /**
     * @return the summary as one line, for progress output.
     */
    public String toString()
    {
        return "p50=" + p50Ns + "ns p90=" + p90Ns + "ns p99=" + p99Ns + "ns p99.9=" + p999Ns + "ns max=" + maxNs +
            "ns count=" + count;
    }

    private static long median(final List<LatencySummary> rounds, final ToLongFunction<LatencySummary> field)
    {
        return Median.ofLongs(rounds.stream().map(field::applyAsLong).toList());
    }
}
