package io.ringline.perf.bench;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import io.ringline.perf.LatencySummary;
import io.ringline.perf.Median;

/**
 * Every run of one benchmark, with the plan that made them and facts about the machine, and the medians over rounds
 * that the reports show.
 *
 * @param plan        what was run.
 * @param runs        every run, in the order run.
 * @param environment facts for the report header (JVM, CPUs, kernel, C compiler), in order.
 */
public record BenchResults(BenchPlan plan, List<RunResult> runs, Map<String, String> environment)
{
    /**
     * @param peer name.
     * @param kind of run.
     * @param size message bytes.
     * @return its measured runs, in round order.
     */
    public List<RunResult> ok(final String peer, final RunKind kind, final int size)
    {
        return runs.stream()
            .filter((run) -> run.ok() && run.kind() == kind && run.size() == size && run.peer().equals(peer))
            .toList();
    }

    /**
     * @param peer   name.
     * @param figure which figure of its run.
     * @param size   message bytes.
     * @param round  from 1.
     * @return the figure of that round, if it was measured.
     */
    public OptionalDouble roundValue(final String peer, final Figure figure, final int size, final int round)
    {
        return ok(peer, figure.kind(), size).stream().filter((run) -> run.round() == round)
            .mapToDouble(figure::of).findFirst();
    }

    /**
     * @param peer name.
     * @param size message bytes.
     * @return each round-trip percentile's median over rounds, or null if never measured.
     */
    public LatencySummary medianLatency(final String peer, final int size)
    {
        final List<RunResult> measured = ok(peer, RunKind.ROUND_TRIP, size);
        return measured.isEmpty() ? null : LatencySummary.median(measured.stream().map(RunResult::latency).toList());
    }

    /**
     * @param peer name.
     * @param size message bytes.
     * @return the percentile curve's median over rounds, or null if never measured.
     */
    public PercentileCurve medianCurve(final String peer, final int size)
    {
        final List<RunResult> measured = ok(peer, RunKind.ROUND_TRIP, size);
        return measured.isEmpty() ? null : PercentileCurve.median(measured.stream().map(RunResult::curve).toList());
    }

    /**
     * @param peer name.
     * @param size message bytes.
     * @return messages per second, the median over rounds, or NaN if never measured.
     */
    public double medianThroughput(final String peer, final int size)
    {
        final List<RunResult> measured = ok(peer, RunKind.THROUGHPUT, size);
        return measured.isEmpty() ? Double.NaN : Median.ofDoubles(measured.stream().map(RunResult::value).toList());
    }

    /**
     * @param kind of run.
     * @return the peers with at least one measured run of that kind, in plan order.
     */
    public List<String> measuredPeers(final RunKind kind)
    {
        final List<String> planned = kind == RunKind.ROUND_TRIP ? plan.roundTripPeers() : plan.throughputPeers();
        return planned.stream()
            .filter((peer) -> runs.stream().anyMatch((run) -> run.ok() && run.kind() == kind && run.peer().equals(peer)))
            .toList();
    }

    /**
     * @return the runs that were skipped or failed.
     */
    public List<RunResult> notMeasured()
    {
        return runs.stream().filter((run) -> !run.ok()).toList();
    }

    /**
     * @return the runs that failed.
     */
    public List<RunResult> failed()
    {
        return runs.stream().filter((run) -> run.status() == RunResult.Status.FAILED).toList();
    }
}
