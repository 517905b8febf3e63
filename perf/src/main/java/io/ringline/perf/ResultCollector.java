package io.ringline.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers each run's result by peer name and turns them into one {@link PeerResult} per name: the declared names
 * first, in their order, then any other name in the order first seen.
 */
public final class ResultCollector
{
    private final Map<String, List<LatencySummary>> roundTrips = new LinkedHashMap<>();
    private final Map<String, List<Double>> throughputs = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();

    /**
     * @param names rows of the report, in order.
     */
    public ResultCollector(final List<String> names)
    {
        names.forEach(this::see);
    }

    /**
     * @param name    of the peer.
     * @param summary of one round-trip run.
     */
    public void addRoundTrip(final String name, final LatencySummary summary)
    {
        see(name);
        roundTrips.computeIfAbsent(name, (ignore) -> new ArrayList<>()).add(summary);
    }

    /**
     * @param name          of the peer.
     * @param msgsPerSecond of one throughput run.
     */
    public void addThroughput(final String name, final double msgsPerSecond)
    {
        see(name);
        throughputs.computeIfAbsent(name, (ignore) -> new ArrayList<>()).add(msgsPerSecond);
    }

    /**
     * @return one row per peer with the medians over its rounds.
     */
    public List<PeerResult> medians()
    {
        final List<PeerResult> results = new ArrayList<>();
        for (final String name : names)
        {
            final List<LatencySummary> latencies = roundTrips.getOrDefault(name, List.of());
            final List<Double> rates = throughputs.getOrDefault(name, List.of());
            results.add(new PeerResult(
                name,
                latencies.isEmpty() ? null : LatencySummary.median(latencies),
                rates.isEmpty() ? Double.NaN : Median.ofDoubles(rates),
                latencies.size(),
                rates.size()));
        }

        return results;
    }

    private void see(final String name)
    {
        if (!names.contains(name))
        {
            names.add(name);
        }
    }
}
