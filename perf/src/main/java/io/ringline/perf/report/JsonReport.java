package io.ringline.perf.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ringline.perf.LatencySummary;
import io.ringline.perf.bench.BenchResults;
import io.ringline.perf.bench.Ratio;
import io.ringline.perf.bench.RunKind;

/**
 * The benchmark's figures as JSON ({@code report.json}, CI's {@code perf-report.json}), for machines: whether every
 * gate passed, the environment, every ratio with its per-round values, and the medians per peer and size.
 *
 * <pre>
 * {"passed": true, "environment": {...}, "ratios": [{"ratio": "...", "peer": ..., "reference": ..., "metric":
 *  "rtt_p50"|"msgs_per_s", "size": 32, "perRound": [...], "median": 1.19, "target": "&lt;= 2.00x", "gate": true,
 *  "verdict": "MET"}], "roundTrips": [{"peer": ..., "size": ..., "rounds": ..., "p50Ns": ...}],
 *  "throughput": [{"peer": ..., "size": ..., "rounds": ..., "msgsPerSecond": ...}]}
 * </pre>
 */
public final class JsonReport
{
    private JsonReport()
    {
    }

    /**
     * @param results of the benchmark.
     * @param ratios  evaluated from them.
     * @return the JSON text.
     */
    public static String render(final BenchResults results, final List<Ratio> ratios)
    {
        final List<String> fields = new ArrayList<>();
        fields.add(field("passed", Boolean.toString(ratios.stream().noneMatch(Ratio::failsGate))));
        fields.add(field("environment", object(results.environment().entrySet().stream()
            .map((fact) -> field(fact.getKey(), string(fact.getValue()))).toList())));
        fields.add(field("ratios", array(ratios.stream().map(JsonReport::ratio).toList())));
        final List<String> roundTrips = new ArrayList<>();
        final List<String> throughput = new ArrayList<>();
        for (final int size : results.plan().config().sizes())
        {
            for (final String peer : results.plan().roundTripPeers())
            {
                final LatencySummary rtt = results.medianLatency(peer, size);
                if (null != rtt)
                {
                    roundTrips.add(object(List.of(field("peer", string(peer)), field("size", Integer.toString(size)),
                        field("rounds", Integer.toString(results.ok(peer, RunKind.ROUND_TRIP, size).size())),
                        field("p50Ns", Long.toString(rtt.p50Ns())), field("p90Ns", Long.toString(rtt.p90Ns())),
                        field("p99Ns", Long.toString(rtt.p99Ns())), field("p999Ns", Long.toString(rtt.p999Ns())),
                        field("maxNs", Long.toString(rtt.maxNs())))));
                }
            }
            for (final String peer : results.plan().throughputPeers())
            {
                final double rate = results.medianThroughput(peer, size);
                if (!Double.isNaN(rate))
                {
                    throughput.add(object(List.of(field("peer", string(peer)), field("size", Integer.toString(size)),
                        field("rounds", Integer.toString(results.ok(peer, RunKind.THROUGHPUT, size).size())),
                        field("msgsPerSecond", number(rate)))));
                }
            }
        }
        fields.add(field("roundTrips", array(roundTrips)));
        fields.add(field("throughput", array(throughput)));
        fields.add(field("notMeasured", array(results.notMeasured().stream().map((run) -> object(List.of(
            field("peer", string(run.peer())), field("kind", string(run.kind().label())),
            field("size", Integer.toString(run.size())), field("round", Integer.toString(run.round())),
            field("status", string(run.status().name())), field("detail", string(run.detail()))))).toList())));
        return object(fields) + "\n";
    }

    private static String ratio(final Ratio ratio)
    {
        return object(List.of(
            field("ratio", string(ratio.comparison().title())),
            field("peer", string(ratio.comparison().peer())),
            field("reference", string(ratio.comparison().reference())),
            field("metric", string(ratio.comparison().kind() == RunKind.ROUND_TRIP ? "rtt_p50" : "msgs_per_s")),
            field("size", Integer.toString(ratio.size())),
            field("perRound", array(ratio.perRound().stream().map(JsonReport::number).toList())),
            field("median", number(ratio.median())),
            field("best", number(ratio.best())),
            field("failsGate", Boolean.toString(ratio.failsGate())),
            field("target", string(ratio.comparison().targetText())),
            field("gate", Boolean.toString(ratio.comparison().gate())),
            field("verdict", string(ratio.verdict().name()))));
    }

    private static String field(final String name, final String json)
    {
        return string(name) + ": " + json;
    }

    private static String object(final List<String> fields)
    {
        return "{" + String.join(", ", fields) + "}";
    }

    private static String array(final List<String> values)
    {
        return "[" + String.join(", ", values) + "]";
    }

    private static String number(final double value)
    {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.4f", value);
    }

    /**
     * @param text any text.
     * @return it as a JSON string literal.
     */
    static String string(final String text)
    {
        final StringBuilder out = new StringBuilder("\"");
        for (final char c : text.toCharArray())
        {
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
