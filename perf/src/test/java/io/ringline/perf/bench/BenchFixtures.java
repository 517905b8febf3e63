package io.ringline.perf.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ringline.perf.BenchConfig;
import io.ringline.perf.LatencySummary;
import org.HdrHistogram.Histogram;

/**
 * Results made by hand for the report and gate tests: no process is started.
 */
public final class BenchFixtures
{
    private final BenchConfig config;
    private final List<RunResult> runs = new ArrayList<>();

    /**
     * @param settings {@code key=value} settings of the plan, e.g. {@code rounds=3}.
     */
    public BenchFixtures(final String... settings)
    {
        this.config = BenchConfig.from(settings);
    }

    /**
     * Adds a measured round trip whose round trips all take about p50Ns.
     *
     * @param peer  name.
     * @param size  message bytes.
     * @param round from 1.
     * @param p50Ns the round-trip time.
     * @return this.
     */
    public BenchFixtures roundTrip(final String peer, final int size, final int round, final long p50Ns)
    {
        final Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(p50Ns, 1000);
        histogram.recordValue(p50Ns * 10);
        runs.add(new RunResult(peer, RunKind.ROUND_TRIP, size, round, RunResult.Status.OK,
            LatencySummary.from(histogram), PercentileCurve.from(histogram), Double.NaN, ""));
        return this;
    }

    /**
     * @param peer          name.
     * @param size          message bytes.
     * @param round         from 1.
     * @param msgsPerSecond the rate.
     * @return this.
     */
    public BenchFixtures throughput(final String peer, final int size, final int round, final double msgsPerSecond)
    {
        runs.add(new RunResult(peer, RunKind.THROUGHPUT, size, round, RunResult.Status.OK, null, null,
            msgsPerSecond, ""));
        return this;
    }

    /**
     * @param peer  name.
     * @param kind  of run.
     * @param size  message bytes.
     * @param round from 1.
     * @return this, with a skipped run.
     */
    public BenchFixtures skipped(final String peer, final RunKind kind, final int size, final int round)
    {
        runs.add(new RunResult(peer, kind, size, round, RunResult.Status.SKIPPED, null, null, Double.NaN,
            "gcc not found: gcc=gcc"));
        return this;
    }

    /**
     * @return the results, planned as a full run of the peers seen.
     */
    public BenchResults results()
    {
        final List<String> roundTrip = runs.stream().filter((run) -> run.kind() == RunKind.ROUND_TRIP)
            .map(RunResult::peer).distinct().toList();
        final List<String> throughput = runs.stream().filter((run) -> run.kind() == RunKind.THROUGHPUT)
            .map(RunResult::peer).distinct().toList();
        return new BenchResults(new BenchPlan(config, roundTrip, throughput, null), List.copyOf(runs),
            Map.of("settings", config.toString()));
    }
}
