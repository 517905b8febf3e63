package io.ringline.perf.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.ringline.perf.LatencySummary;
import io.ringline.perf.bench.BenchResults;
import io.ringline.perf.bench.Ratio;
import io.ringline.perf.bench.RunKind;
import io.ringline.perf.bench.RunResult;

/**
 * Builds the tables every report shows from a benchmark's results: the ratios (gates first), then per message size
 * the round-trip percentiles and the throughput, each the median over rounds, then the runs that were not measured.
 */
public final class ReportTables
{
    private static final String NONE = "-";

    private ReportTables()
    {
    }

    /**
     * @param results of the benchmark.
     * @param ratios  evaluated from them.
     * @return the tables, in report order.
     */
    public static List<ReportTable> build(final BenchResults results, final List<Ratio> ratios)
    {
        final List<ReportTable> tables = new ArrayList<>();
        tables.add(ratios(ratios));
        for (final int size : results.plan().config().sizes())
        {
            tables.add(roundTrips(results, size));
            tables.add(throughput(results, size));
        }
        if (!results.notMeasured().isEmpty())
        {
            tables.add(notMeasured(results));
        }
        return tables;
    }

    private static ReportTable ratios(final List<Ratio> ratios)
    {
        final List<String[]> rows = new ArrayList<>();
        for (final Ratio ratio : ratios)
        {
            rows.add(new String[] {
                ratio.comparison().title(),
                ratio.size() + " B",
                ratio.perRound().stream().map(ReportTables::ratio).collect(Collectors.joining(" ")),
                ratio.perRound().isEmpty() ? NONE : ratio(ratio.median()),
                ratio.perRound().isEmpty() ? NONE : ratio(ratio.best()),
                ratio.comparison().targetText(),
                ratio.comparison().gate() ? "gate" : "target",
                verdict(ratio) });
        }
        return new ReportTable("Ratios", "Each round's ratio of two peers measured in that round; the verdict is on " +
            "their median. best: each peer's best round divided by the other's. A gate fails the run (exit code 1) " +
            "when its median and its best both miss.",
            new String[] { "ratio", "size", "per round", "median", "best", "target", "kind", "verdict" }, rows);
    }

    private static ReportTable roundTrips(final BenchResults results, final int size)
    {
        final List<String[]> rows = new ArrayList<>();
        for (final String peer : results.plan().roundTripPeers())
        {
            final LatencySummary rtt = results.medianLatency(peer, size);
            if (null != rtt)
            {
                rows.add(new String[] {
                    peer,
                    Integer.toString(results.ok(peer, RunKind.ROUND_TRIP, size).size()),
                    Long.toString(rtt.p50Ns()),
                    Long.toString(rtt.p90Ns()),
                    Long.toString(rtt.p99Ns()),
                    Long.toString(rtt.p999Ns()),
                    Long.toString(rtt.maxNs()),
                    Long.toString(rtt.count()) });
            }
        }
        return new ReportTable("Round trips, " + size + "-byte messages",
            "Nanoseconds, one message in flight; each percentile is the median over the rounds.",
            new String[] { "peer", "rounds", "p50 ns", "p90 ns", "p99 ns", "p99.9 ns", "max ns", "count" }, rows);
    }

    private static ReportTable throughput(final BenchResults results, final int size)
    {
        final List<String[]> rows = new ArrayList<>();
        for (final String peer : results.plan().throughputPeers())
        {
            final double rate = results.medianThroughput(peer, size);
            if (!Double.isNaN(rate))
            {
                rows.add(new String[] {
                    peer,
                    Integer.toString(results.ok(peer, RunKind.THROUGHPUT, size).size()),
                    String.format(Locale.ROOT, "%,.0f", rate),
                    String.format(Locale.ROOT, "%,.1f", rate * size / 1e6) });
            }
        }
        return new ReportTable("Throughput, " + size + "-byte messages",
            "One way, the producer in a child process (memcpy peers: one process copying); median over the rounds.",
            new String[] { "peer", "rounds", "msgs/s", "MB/s" }, rows);
    }

    private static ReportTable notMeasured(final BenchResults results)
    {
        final List<String[]> rows = new ArrayList<>();
        for (final RunResult run : results.notMeasured())
        {
            rows.add(new String[] {
                run.peer(), run.kind().label(), run.size() + " B", Integer.toString(run.round()),
                run.status().name().toLowerCase(Locale.ROOT), run.detail() });
        }
        return new ReportTable("Runs not measured", "Skipped runs cannot happen here (no C compiler, a message " +
            "larger than the peer carries); failed runs broke.",
            new String[] { "peer", "kind", "size", "round", "status", "why" }, rows);
    }

    /**
     * @param ratio a ratio.
     * @return it with two decimals and an x, e.g. {@code 1.19x}.
     */
    public static String ratio(final double ratio)
    {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static String verdict(final Ratio ratio)
    {
        switch (ratio.verdict())
        {
            case MET:
                return "met";
            case MISSED:
                if (!ratio.comparison().gate())
                {
                    return "**missed**";
                }
                return ratio.failsGate() ? "**FAILED**" : "**missed** (best met: passes)";
            case INFO:
                return NONE;
            default:
                return ratio.comparison().gate() ? "**FAILED** (not measured)" : "not measured";
        }
    }
}
