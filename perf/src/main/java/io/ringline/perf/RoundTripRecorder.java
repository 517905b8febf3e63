package io.ringline.perf;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Harness side of a round-trip run: numbers the iterations from 1, skips the warm-up ones, and records the rest in
 * an {@link Histogram} in nanoseconds. A closed loop (one message in flight), so there is no coordinated omission to
 * correct.
 */
public final class RoundTripRecorder
{
    private static final long HIGHEST_PRESIZED_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final long warmup;
    private final long iterations;
    private final Histogram histogram = new Histogram(HIGHEST_PRESIZED_NS, SIGNIFICANT_DIGITS);

    /**
     * @param config gives the warm-up and measured counts.
     */
    public RoundTripRecorder(final BenchConfig config)
    {
        this.warmup = config.warmup();
        this.iterations = config.warmup() + config.count();
        histogram.setAutoResize(true);
    }

    /**
     * @return warm-up plus measured iterations: sequence numbers run from 1 to this.
     */
    public long iterations()
    {
        return iterations;
    }

    /**
     * @param sequence of the iteration, from 1.
     * @param rttNs    its round-trip time.
     */
    public void record(final long sequence, final long rttNs)
    {
        if (sequence > warmup)
        {
            histogram.recordValue(rttNs);
        }
    }

    /**
     * @return the measured round trips.
     */
    public Histogram histogram()
    {
        return histogram;
    }
}
