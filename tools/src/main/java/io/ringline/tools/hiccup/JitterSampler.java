package io.ringline.tools.hiccup;

import io.ringline.os.CpuAffinity;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;

/**
 * One CPU's jitter probe, in the manner of sysjitter and jHiccup: a thread pinned to the CPU reads
 * {@code System.nanoTime()} in a tight loop, and every gap between two reads of at least the threshold is time the
 * CPU was taken away (an interrupt, a timer tick, another task, a hypervisor's steal, the JVM's safepoints) and goes
 * into an HdrHistogram, in nanoseconds. A reader takes the histogram of each interval with {@link #intervalHistogram}
 * while the sampler keeps recording (a {@link SingleWriterRecorder}: the sampler never waits for the reader).
 *
 * <p>The loop allocates nothing and makes no system call; what it records below the threshold is nothing, so a gap of
 * a few tens of nanoseconds, the loop's own period, is not a hiccup.
 */
public final class JitterSampler implements Runnable
{
    /** Longest gap recorded as itself; a longer one is recorded as this. */
    public static final long HIGHEST_GAP_NS = TimeUnit.HOURS.toNanos(1);
    /** Significant digits of the histograms. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final int cpu;
    private final long thresholdNs;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_GAP_NS, SIGNIFICANT_DIGITS);
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long lostNs;

    /**
     * @param cpu         the CPU to sample, one this process may use.
     * @param thresholdNs the smallest gap recorded.
     */
    public JitterSampler(final int cpu, final long thresholdNs)
    {
        this.cpu = cpu;
        this.thresholdNs = thresholdNs;
    }

    @Override
    public void run()
    {
        try
        {
            CpuAffinity.pinThisThread(cpu);
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
            return;
        }
        long lost = 0;
        long lastNs = System.nanoTime();
        while (running)
        {
            final long nowNs = System.nanoTime();
            final long gapNs = nowNs - lastNs;
            if (gapNs >= thresholdNs)
            {
                recorder.recordValue(Math.min(gapNs, HIGHEST_GAP_NS));
                lost += gapNs;
            }
            lastNs = nowNs;
        }
        lostNs = lost;
    }

    /**
     * Tells the sampler to stop; join its thread before reading {@link #lostNs()}.
     */
    public void stop()
    {
        running = false;
    }

    /**
     * @param recycled a histogram from an earlier call to reuse, or null.
     * @return the gaps recorded since the last call.
     */
    public Histogram intervalHistogram(final Histogram recycled)
    {
        return recycled == null ? recorder.getIntervalHistogram() : recorder.getIntervalHistogram(recycled);
    }

    /**
     * @return the CPU sampled.
     */
    public int cpu()
    {
        return cpu;
    }

    /**
     * @return the sum of the recorded gaps, once the sampler's thread has ended.
     */
    public long lostNs()
    {
        return lostNs;
    }

    /**
     * @return why the sampler could not run (its CPU refused), or null.
     */
    public Throwable failure()
    {
        return failure;
    }
}
