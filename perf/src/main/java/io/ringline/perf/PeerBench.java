package io.ringline.perf;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness: runs every selected peer, round after round, each run with fresh child JVMs and a fresh directory
 * under {@code /dev/shm}, then prints per peer the median over rounds of each round-trip percentile and of the
 * throughput, as a markdown table. Each round starts the peer list one place further along, so no peer is always
 * first. A failed run is reported and skipped; the exit code is then 1. A peer that cannot run on this machine at all
 * throws {@link PeerSkippedException}: its runs are reported as skipped, listed under the table with the reason, and do
 * not change the exit code. See {@link BenchConfig} for the settings.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp ... io.ringline.perf.PeerBench rounds=3 count=100000
 * </pre>
 */
public final class PeerBench
{
    private final BenchConfig config;
    private final ShmScratch scratch;
    private final ResultCollector results;
    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();

    private PeerBench(
        final BenchConfig config, final ShmScratch scratch, final ResultCollector results, final PrintStream out)
    {
        this.config = config;
        this.scratch = scratch;
        this.results = results;
        this.out = out;
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code key=value} settings, see {@link BenchConfig}.
     * @throws Exception if the scratch directory cannot be created or removed.
     */
    public static void main(final String[] args) throws Exception
    {
        final BenchConfig config;
        try
        {
            config = BenchConfig.from(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }

        final List<RoundTripPeer> roundTripPeers = new ArrayList<>();
        final List<ThroughputPeer> throughputPeers = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        for (final RoundTripPeer peer : PeerRegistry.roundTripPeers())
        {
            if (config.includes(peer.name()))
            {
                roundTripPeers.add(peer);
                names.add(peer.name());
            }
        }
        for (final ThroughputPeer peer : PeerRegistry.throughputPeers())
        {
            if (config.includes(peer.name()))
            {
                throughputPeers.add(peer);
                names.add(peer.name());
            }
        }
        if (names.isEmpty())
        {
            System.err.println("no peer selected: " + config);
            System.exit(2);
        }

        CpuPinning.apply(config.pin());
        final PrintStream out = System.out;
        printHeader(out, config);
        final ResultCollector results = new ResultCollector(names);
        final List<String> failures;
        final Map<String, String> skipped;
        try (ShmScratch scratch = ShmScratch.create())
        {
            final PeerBench bench = new PeerBench(config, scratch, results, out);
            bench.runRounds(roundTripPeers, throughputPeers);
            failures = bench.failures;
            skipped = bench.skipped;
        }

        out.println();
        out.println("Medians over rounds (round trip: one message in flight; msgs/s: one way, producer in a child JVM):");
        out.println();
        out.print(MarkdownTable.render(results.medians()));
        if (!skipped.isEmpty())
        {
            out.println();
            out.println("SKIPPED peers (not failures): " + skipped.size());
            skipped.forEach((name, reason) -> out.println("  " + name + ": skipped: " + reason));
        }
        if (!failures.isEmpty())
        {
            out.println();
            out.println("FAILED runs: " + failures.size());
            failures.forEach((failure) -> out.println("  " + failure));
            System.exit(1);
        }
    }

    private void runRounds(final List<RoundTripPeer> roundTripPeers, final List<ThroughputPeer> throughputPeers)
    {
        for (int round = 1; round <= config.rounds(); round++)
        {
            for (final RoundTripPeer peer : rotated(roundTripPeers, round - 1))
            {
                runRoundTrip(peer, round);
            }
            for (final ThroughputPeer peer : rotated(throughputPeers, round - 1))
            {
                runThroughput(peer, round);
            }
        }
    }

    private void runRoundTrip(final RoundTripPeer peer, final int round)
    {
        final String label = "round " + round + "/" + config.rounds() + " " + peer.name() + " rtt";
        try (BenchSession session = new BenchSession(config, scratch.newRunDirectory(peer.name() + "-rtt")))
        {
            final LatencySummary summary = LatencySummary.from(peer.runPing(session));
            results.addRoundTrip(peer.name(), summary);
            out.println(label + ": " + summary);
        }
        catch (final PeerSkippedException ex)
        {
            skip(peer.name(), label, ex);
        }
        catch (final Exception ex)
        {
            fail(label, ex);
        }
    }

    private void runThroughput(final ThroughputPeer peer, final int round)
    {
        final String label = "round " + round + "/" + config.rounds() + " " + peer.name() + " throughput";
        try (BenchSession session = new BenchSession(config, scratch.newRunDirectory(peer.name() + "-tput")))
        {
            final double msgsPerSecond = peer.runConsumer(session);
            results.addThroughput(peer.name(), msgsPerSecond);
            out.printf("%s: %,.0f msgs/s%n", label, msgsPerSecond);
        }
        catch (final PeerSkippedException ex)
        {
            skip(peer.name(), label, ex);
        }
        catch (final Exception ex)
        {
            fail(label, ex);
        }
    }

    private void fail(final String label, final Exception ex)
    {
        failures.add(label + ": " + ex);
        out.println(label + ": FAILED " + ex);
        ex.printStackTrace();
    }

    private void skip(final String name, final String label, final PeerSkippedException ex)
    {
        skipped.putIfAbsent(name, ex.getMessage());
        out.println(label + ": skipped: " + ex.getMessage());
    }

    private static <T> List<T> rotated(final List<T> peers, final int distance)
    {
        final List<T> copy = new ArrayList<>(peers);
        Collections.rotate(copy, -distance);

        return copy;
    }

    private static void printHeader(final PrintStream out, final BenchConfig config)
    {
        out.println("# Ringline peer benchmark");
        out.println();
        out.println("settings: " + config);
        out.println("jvm: " + System.getProperty("java.vm.name") + " " + Runtime.version() +
            ", cpus=" + Runtime.getRuntime().availableProcessors() +
            ", agrona.disable.bounds.checks=" + System.getProperty("agrona.disable.bounds.checks", "false"));
        out.println();
    }
}
