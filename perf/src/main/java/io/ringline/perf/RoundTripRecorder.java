package io.ringline.perf;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Harness side of a round-trip run: numbers the iterations from 1, skips the warm-up ones, and records the rest in
 * an {@link Histogram} in nanoseconds. A closed loop (one message in flight), so there is no coordinated omission to
 * correct.
 *
 * <p>The measured round trips are also split into {@value #INTERVALS} interval histograms of equal counts, for an
 * HdrHistogram interval log ({@code .hlog}). An interval's time stamps are the sum of the round trips before it, from
 * the moment the recorder was made: in a closed loop that is the time the run took, and it is the same for a peer
 * whose round trips were measured by a C child and loaded from a file. Every histogram is allocated up front, so
 * recording allocates nothing.
 */
public final class RoundTripRecorder
{
    /**
     * Interval histograms per run.
     */
    public static final int INTERVALS = 20;

    private static final long HIGHEST_PRESIZED_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final long warmup;
    private final long iterations;
    private final long perInterval;
    private final long startEpochMs = System.currentTimeMillis();
    private final Histogram histogram = newHistogram();
    private final Histogram[] intervals = new Histogram[INTERVALS];
    private final long[] intervalStartNs = new long[INTERVALS + 1];
    private long elapsedNs;
    private int interval;

    /**
     * @param config gives the warm-up and measured counts.
     */
    public RoundTripRecorder(final BenchConfig config)
    {
        this.warmup = config.warmup();
        this.iterations = config.warmup() + config.count();
        this.perInterval = (config.count() + INTERVALS - 1) / INTERVALS;
        for (int i = 0; i < INTERVALS; i++)
        {
            intervals[i] = newHistogram();
        }
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
            final Histogram current = intervals[interval];
            current.recordValue(rttNs);
            elapsedNs += rttNs;
            if (current.getTotalCount() == perInterval && interval < INTERVALS - 1)
            {
                interval++;
                intervalStartNs[interval] = elapsedNs;
            }
        }
    }

    /**
     * Adds a run measured elsewhere as one histogram (a child's, e.g. coordinated omission corrected), as one interval
     * of the interval log.
     *
     * @param measured  latencies in nanoseconds, warm-up already excluded.
     * @param elapsedNs how long the measurement took.
     */
    public void add(final Histogram measured, final long elapsedNs)
    {
        histogram.add(measured);
        intervals[interval].add(measured);
        this.elapsedNs += elapsedNs;
    }

    /**
     * @return the measured round trips.
     */
    public Histogram histogram()
    {
        return histogram;
    }

    /**
     * @return the non-empty interval histograms, in order.
     */
    public List<Histogram> intervals()
    {
        return List.of(intervals).subList(0, intervals[interval].getTotalCount() > 0 ? interval + 1 : interval);
    }

    /**
     * @param index of an interval from {@link #intervals()}.
     * @return when it started: the sum of the measured round trips before it, in nanoseconds.
     */
    public long intervalStartNs(final int index)
    {
        return intervalStartNs[index];
    }

    /**
     * @param index of an interval from {@link #intervals()}.
     * @return when it ended: the sum of the measured round trips up to its last, in nanoseconds.
     */
    public long intervalEndNs(final int index)
    {
        return index < interval ? intervalStartNs[index + 1] : elapsedNs;
    }

    /**
     * @return when the recorder was made, epoch milliseconds: the base time of the interval log.
     */
    public long startEpochMs()
    {
        return startEpochMs;
    }

    private static Histogram newHistogram()
    {
        final Histogram histogram = new Histogram(HIGHEST_PRESIZED_NS, SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
        return histogram;
    }
}
