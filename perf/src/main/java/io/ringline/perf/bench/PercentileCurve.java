package io.ringline.perf.bench;

import java.util.List;
import java.util.stream.IntStream;

import io.ringline.perf.Median;
import org.HdrHistogram.Histogram;

/**
 * A round-trip histogram reduced to its values at fixed percentiles, enough to draw a percentile plot: a few numbers
 * per run instead of the whole histogram (which goes to the run's {@code .hgrm} and {@code .hlog} files).
 *
 * @param valuesNs the latency at each of {@link #PERCENTILES}, in nanoseconds.
 */
public record PercentileCurve(long[] valuesNs)
{
    /**
     * The percentiles kept, spaced evenly on the usual {@code 1 / (1 - p)} axis, then the maximum (100).
     */
    public static final List<Double> PERCENTILES = List.of(
        0.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999, 100.0);

    /**
     * @param histogram of round trips in nanoseconds.
     * @return its curve.
     */
    public static PercentileCurve from(final Histogram histogram)
    {
        return new PercentileCurve(PERCENTILES.stream()
            .mapToLong((percentile) -> percentile >= 100.0 ? histogram.getMaxValue() :
                histogram.getValueAtPercentile(percentile))
            .toArray());
    }

    /**
     * @param rounds at least one curve.
     * @return the median over rounds at each percentile.
     */
    public static PercentileCurve median(final List<PercentileCurve> rounds)
    {
        return new PercentileCurve(IntStream.range(0, PERCENTILES.size())
            .mapToLong((i) -> Median.ofLongs(rounds.stream().map((curve) -> curve.valuesNs()[i]).toList()))
            .toArray());
    }
}
