package io.ringline.tools;

import io.ringline.tools.cpu.CpuList;
import io.ringline.os.CpuAffinity;
import io.ringline.tools.hiccup.HiccupLog;
import io.ringline.tools.hiccup.JitterSampler;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ringline hiccup}: the machine's jitter, CPU by CPU ({@link JitterSampler}), printed as percentiles of the
 * gaps and the time lost, and written as one HdrHistogram interval log per CPU. Stops after {@code --seconds}, on
 * SIGTERM or on SIGINT ({@link StopSignal}), and still prints and closes its logs.
 */
@Command(
    name = "hiccup",
    mixinStandardHelpOptions = true,
    description = {
        "Measures how often and how long each CPU is taken away from a running thread (jitter).",
        "",
        "One thread per CPU, pinned, reads the clock in a tight loop for --seconds and records every gap of at " +
        "least --threshold into an HdrHistogram (in the manner of sysjitter and jHiccup): interrupts, timer ticks, " +
        "other tasks, a hypervisor's steal. Prints per CPU how many gaps, their p50, p99, p99.9, p99.99 and max " +
        "in microseconds, and the time lost (the gaps' sum). With --out, writes DIR/hiccup-cpuN.hlog, one " +
        "histogram per --interval, values in nanoseconds (HistogramLogProcessor reads it).",
        "Run it next to a latency test to tell the code's outliers from the machine's. It keeps the CPUs it " +
        "samples busy." },
    footer = {
        "",
        "Examples:",
        "  ringline hiccup --seconds 10",
        "  ringline hiccup --cpus 2-3 --seconds 60 --out /tmp/hiccup",
        "  java -cp HdrHistogram.jar org.HdrHistogram.HistogramLogProcessor -i /tmp/hiccup/hiccup-cpu2.hlog" })
final class HiccupCommand implements Callable<Integer>
{
    private static final long POLL_MS = 50;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S",
        description = "How long to sample (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--cpus", paramLabel = "LIST",
        description = "CPUs to sample, e.g. 0-3,6 (default: all this process may use).")
    String cpus;

    @Option(names = "--out", paramLabel = "DIR", description = "Write one .hlog per CPU into DIR (created if missing).")
    Path out;

    @Option(names = "--threshold", defaultValue = "1us", paramLabel = "DURATION",
        converter = Durations.Converter.class, description = "Smallest gap recorded (default: ${DEFAULT-VALUE}).")
    long thresholdNs;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = Durations.Converter.class,
        description = "Length of each histogram in the logs (default: ${DEFAULT-VALUE}).")
    long intervalNs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final int[] selected = selectedCpus();
        if (!(seconds > 0))
        {
            throw new ParameterException(spec.commandLine(), "--seconds=" + seconds + " must be more than 0");
        }
        if (thresholdNs <= 0 || intervalNs <= 0)
        {
            throw new ParameterException(spec.commandLine(), "--threshold and --interval must be more than 0");
        }
        if (null != out)
        {
            Files.createDirectories(out);
        }

        final List<JitterSampler> samplers = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        final List<HiccupLog> logs = new ArrayList<>();
        final List<Histogram> totals = new ArrayList<>();
        final long startEpochMs = System.currentTimeMillis();
        final long startNs = System.nanoTime();
        try (StopSignal stop = StopSignal.install(0))
        {
            try
            {
                for (final int cpu : selected)
                {
                    logs.add(null == out ? null : open(cpu, startEpochMs));
                    totals.add(new Histogram(1, JitterSampler.HIGHEST_GAP_NS, JitterSampler.SIGNIFICANT_DIGITS));
                    final JitterSampler sampler = new JitterSampler(cpu, thresholdNs);
                    samplers.add(sampler);
                    final Thread thread = new Thread(sampler, "ringline-hiccup-cpu" + cpu);
                    thread.setDaemon(true);
                    threads.add(thread);
                    thread.start();
                }
                sample(stop, startNs, samplers, logs, totals);
                stopAndJoin(samplers, threads);
                collect(samplers, logs, totals);
            }
            finally
            {
                stopAndJoin(samplers, threads);
                for (final HiccupLog log : logs)
                {
                    if (null != log)
                    {
                        log.close();
                    }
                }
            }
            for (final JitterSampler sampler : samplers)
            {
                if (null != sampler.failure())
                {
                    throw new IllegalStateException("cpu " + sampler.cpu() + " could not be sampled: " +
                        sampler.failure().getMessage(), sampler.failure());
                }
            }
            System.out.print(table(selected, totals, samplers, thresholdNs, System.nanoTime() - startNs));
            System.out.flush();
        }
        return RinglineCli.EXIT_OK;
    }

    private int[] selectedCpus()
    {
        final int[] allowed = CpuAffinity.allowedCpus();
        try
        {
            final int[] selected = null == cpus ? allowed : CpuList.parse(cpus);
            if (selected.length == 0)
            {
                throw new IllegalArgumentException("cpu list '" + cpus + "' names no CPU");
            }
            CpuList.requireAllowed(selected, allowed);
            return selected;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), "--cpus: " + ex.getMessage());
        }
    }

    private HiccupLog open(final int cpu, final long startEpochMs) throws FileNotFoundException
    {
        return new HiccupLog(out, cpu, thresholdNs, startEpochMs);
    }

    /** Waits out the run, closing an interval in every log each --interval, until --seconds or a stop request. */
    private void sample(
        final StopSignal stop, final long startNs, final List<JitterSampler> samplers, final List<HiccupLog> logs,
        final List<Histogram> totals) throws InterruptedException
    {
        final long endNs = startNs + (long)(seconds * TimeUnit.SECONDS.toNanos(1));
        long nextIntervalNs = startNs + intervalNs;
        while (stop.isRunning())
        {
            final long nowNs = System.nanoTime();
            if (nowNs >= endNs)
            {
                return;
            }
            if (nowNs >= nextIntervalNs)
            {
                collect(samplers, logs, totals);
                nextIntervalNs += intervalNs;
            }
            final long sleepNs = Math.min(Math.min(endNs, nextIntervalNs) - nowNs, TimeUnit.MILLISECONDS.toNanos(POLL_MS));
            TimeUnit.NANOSECONDS.sleep(Math.max(sleepNs, 0));
        }
    }

    private static void stopAndJoin(final List<JitterSampler> samplers, final List<Thread> threads)
        throws InterruptedException
    {
        samplers.forEach(JitterSampler::stop);
        for (final Thread thread : threads)
        {
            thread.join();
        }
    }

    /** Takes each sampler's interval histogram, writes it to its log and adds it to its total. */
    private static void collect(final List<JitterSampler> samplers, final List<HiccupLog> logs,
        final List<Histogram> totals)
    {
        for (int i = 0; i < samplers.size(); i++)
        {
            final Histogram interval = samplers.get(i).intervalHistogram(null);
            totals.get(i).add(interval);
            if (null != logs.get(i))
            {
                logs.get(i).interval(interval);
            }
        }
    }

    static String table(final int[] cpus, final List<Histogram> totals, final List<JitterSampler> samplers,
        final long thresholdNs, final long elapsedNs)
    {
        final StringBuilder text = new StringBuilder();
        text.append(String.format("%-5s  %9s  %9s  %9s  %9s  %9s  %11s  %12s%n",
            "CPU", "GAPS", "P50_US", "P99_US", "P99.9_US", "P99.99_US", "MAX_US", "LOST_MS"));
        for (int i = 0; i < cpus.length; i++)
        {
            final Histogram gaps = totals.get(i);
            final long lostNs = samplers.get(i).lostNs();
            text.append(String.format("%-5d  %9d  %9s  %9s  %9s  %9s  %11s  %12s%n", cpus[i], gaps.getTotalCount(),
                micros(gaps, 50), micros(gaps, 99), micros(gaps, 99.9), micros(gaps, 99.99),
                micros(gaps, 100), String.format("%.3f (%.3f%%)", lostNs / 1e6, 100.0 * lostNs / elapsedNs)));
        }
        text.append(String.format("%ngaps of at least %s us between two clock reads, over %.1f s%n",
            format(thresholdNs), elapsedNs / 1e9));
        return text.toString();
    }

    /**
     * @param gaps       a CPU's histogram.
     * @param percentile 0 to 100.
     * @return the value at the percentile in microseconds, as printed: 1 decimal, {@code -} for no gap.
     */
    static String micros(final Histogram gaps, final double percentile)
    {
        return gaps.getTotalCount() == 0 ? "-" : format(gaps.getValueAtPercentile(percentile));
    }

    private static String format(final long ns)
    {
        return String.format("%.1f", ns / 1000.0);
    }
}
