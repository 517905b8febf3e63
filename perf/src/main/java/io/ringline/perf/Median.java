package io.ringline.perf;

import java.util.Arrays;
import java.util.List;

/**
 * Medians over rounds; with an even number of values, the mean of the middle two.
 */
public final class Median
{
    private Median()
    {
    }

    /**
     * @param values at least one.
     * @return their median, rounded to the nearest whole number.
     */
    public static long ofLongs(final List<Long> values)
    {
        return Math.round(ofDoubles(values.stream().map(Long::doubleValue).toList()));
    }

    /**
     * @param values at least one.
     * @return their median.
     */
    public static double ofDoubles(final List<Double> values)
    {
        if (values.isEmpty())
        {
            throw new IllegalArgumentException("no values");
        }
        final double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;

        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
