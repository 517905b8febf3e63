package io.ringline.perf.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ringline.perf.BenchConfig;
import io.ringline.perf.BenchSession;
import io.ringline.perf.CpuPinning;
import io.ringline.perf.LatencySummary;
import io.ringline.perf.NetworkSetting;
import io.ringline.perf.PeerRegistry;
import io.ringline.perf.PeerSizeLimit;
import io.ringline.perf.PeerSkippedException;
import io.ringline.perf.RoundTripRecorder;
import io.ringline.perf.RuntimeFacts;
import io.ringline.perf.ShmScratch;
import io.ringline.perf.report.HistogramFiles;
import io.ringline.transport.aeron.EmbeddedDriver;

/**
 * Runs a {@link BenchPlan}: round after round, each size, every round-trip peer then every throughput peer, each run
 * with fresh child processes and a fresh directory under {@code /dev/shm}. Each round starts the peer lists one place
 * further along, so no peer is always first. A run that cannot happen here ({@link PeerSkippedException}, or a size
 * over {@link PeerSizeLimit}) is recorded as skipped, a run that breaks as failed; the suite goes on either way.
 * With a histogram directory, every round-trip run's full histogram is written there as it ends
 * ({@link HistogramFiles}). With {@code net=veth} the network namespace is set up before the first run and removed
 * after the last, whatever happened in between ({@link NetworkSetting}).
 */
public final class BenchSuite
{
    private final BenchPlan plan;
    private final ProgressListener listener;
    private final HistogramFiles histogramFiles;
    private final List<RunResult> runs = new ArrayList<>();
    private NetworkSetting network = NetworkSetting.loopback();
    private int index;

    private BenchSuite(final BenchPlan plan, final ProgressListener listener, final HistogramFiles histogramFiles)
    {
        this.plan = plan;
        this.listener = listener;
        this.histogramFiles = histogramFiles;
    }

    /**
     * Runs the plan. Pins the calling thread when the plan's {@code pin=} asks for it.
     *
     * @param plan         what to run.
     * @param listener     told about each run.
     * @param histogramDir where the {@code .hgrm} and {@code .hlog} files go, or null for none.
     * @return every run's result.
     * @throws IOException if the scratch directory cannot be made.
     */
    public static BenchResults run(final BenchPlan plan, final ProgressListener listener, final Path histogramDir)
        throws IOException
    {
        final Map<String, String> environment = environment(plan.config());
        CpuPinning.apply(plan.config().pin());
        final BenchSuite suite = new BenchSuite(
            plan, listener, null == histogramDir ? null : new HistogramFiles(histogramDir));
        final String embeddedIdle = System.getProperty(EmbeddedDriver.IDLE_PROP_NAME);
        // The embedded drivers of the UDP peers (this JVM's and, forwarded, every child's) idle as Aeron's do.
        System.setProperty(EmbeddedDriver.IDLE_PROP_NAME, plan.config().aeronIdle());
        try (NetworkSetting network = NetworkSetting.open(plan.config().net());
            ShmScratch scratch = ShmScratch.create())
        {
            suite.network = network;
            suite.runRounds(scratch);
        }
        finally
        {
            if (null == embeddedIdle)
            {
                System.clearProperty(EmbeddedDriver.IDLE_PROP_NAME);
            }
            else
            {
                System.setProperty(EmbeddedDriver.IDLE_PROP_NAME, embeddedIdle);
            }
        }
        return new BenchResults(plan, List.copyOf(suite.runs), environment);
    }

    private void runRounds(final ShmScratch scratch)
    {
        final BenchConfig config = plan.config();
        final int total = plan.totalRuns();
        for (int round = 1; round <= config.rounds(); round++)
        {
            for (final int size : config.sizes())
            {
                final BenchConfig sized = config.with("size=" + size);
                for (final String peer : rotated(plan.roundTripPeers(), round - 1))
                {
                    if (plan.runsIn(peer, round))
                    {
                        run(scratch, sized, peer, RunKind.ROUND_TRIP, round, total);
                    }
                }
                for (final String peer : rotated(plan.throughputPeers(), round - 1))
                {
                    if (plan.runsIn(peer, round))
                    {
                        run(scratch, sized, peer, RunKind.THROUGHPUT, round, total);
                    }
                }
            }
        }
    }

    private void run(
        final ShmScratch scratch,
        final BenchConfig config,
        final String peer,
        final RunKind kind,
        final int round,
        final int total)
    {
        final int size = config.size();
        listener.onStart(++index, total,
            "round " + round + "/" + config.rounds() + " " + peer + " " + kind.label() + " " + size + "B");
        RunResult result;
        Throwable error = null;
        try (BenchSession session = new BenchSession(
            config, scratch.newRunDirectory(peer + "-" + kind.label() + "-" + size), network))
        {
            PeerSizeLimit.check(peer, size);
            if (kind == RunKind.ROUND_TRIP)
            {
                final RoundTripRecorder recorder = PeerRegistry.roundTripPeer(peer).runPing(session);
                if (null != histogramFiles)
                {
                    histogramFiles.write(HistogramFiles.baseName(peer, size, round), recorder);
                }
                result = new RunResult(peer, kind, size, round, RunResult.Status.OK,
                    LatencySummary.from(recorder.histogram()), PercentileCurve.from(recorder.histogram()),
                    Double.NaN, "");
            }
            else
            {
                final double msgsPerSecond = PeerRegistry.throughputPeer(peer).runConsumer(session);
                result = new RunResult(peer, kind, size, round, RunResult.Status.OK, null, null, msgsPerSecond, "");
            }
        }
        catch (final PeerSkippedException ex)
        {
            result = notMeasured(peer, kind, size, round, RunResult.Status.SKIPPED, ex.getMessage());
        }
        catch (final Exception ex)
        {
            error = ex;
            result = notMeasured(peer, kind, size, round, RunResult.Status.FAILED, ex.toString());
        }
        runs.add(result);
        listener.onEnd(result, error);
    }

    private static RunResult notMeasured(
        final String peer, final RunKind kind, final int size, final int round, final RunResult.Status status,
        final String detail)
    {
        return new RunResult(peer, kind, size, round, status, null, null, Double.NaN, detail);
    }

    private static <T> List<T> rotated(final List<T> peers, final int distance)
    {
        final List<T> copy = new ArrayList<>(peers);
        Collections.rotate(copy, -distance);
        return copy;
    }

    private static Map<String, String> environment(final BenchConfig config)
    {
        final Map<String, String> facts = new LinkedHashMap<>();
        facts.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        facts.put("settings", config.toString());
        facts.put("jvm", RuntimeFacts.jvm());
        facts.put("jvm flags", RuntimeFacts.jvmFlags());
        facts.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        facts.put("agrona.disable.bounds.checks", System.getProperty("agrona.disable.bounds.checks", "false"));
        return facts;
    }
}
