package io.ringline.perf.trading;

import io.ringline.perf.BenchConfig;
import io.ringline.perf.bench.BenchPlan;
import io.ringline.perf.bench.BenchResults;
import io.ringline.perf.bench.BenchSuite;
import io.ringline.perf.bench.Figure;
import io.ringline.perf.bench.Ratio;
import io.ringline.perf.bench.RunCollector;
import io.ringline.perf.bench.RunKind;
import io.ringline.perf.bench.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The trading comparison wired into the benchmark: a short {@code --trading} plan runs the example's pipeline over
 * Ringline and the same pipeline on Aeron IPC end to end (each run fails unless every tick was read and every order
 * acknowledged, nothing lost: {@link TickToTradeFile#checkComplete}), the report's tick-to-trade ratios are measured,
 * and no run directory (the channels, the journal, the media driver's directory) is left in {@code /dev/shm}. Not a
 * benchmark: one round of 2 s at the fixed rate, nothing asserted on the figures.
 */
@Timeout(300)
class TradingPeersTest
{
    private static final int PID = (int)ProcessHandle.current().pid();

    @Test
    void bothPipelinesRunEndToEndAndTheirRatiosAreMeasured() throws Exception
    {
        final BenchPlan plan = BenchPlan.trading(BenchConfig.from(),
            "rounds=1", "seconds=1", "warmupSeconds=1", "pin=none", "timeoutSeconds=120");
        assertEquals(TradingComparison.PEER_NAMES, plan.roundTripPeers());
        assertEquals(List.of(24), plan.config().sizes());
        final RunCollector runs = new RunCollector();
        final BenchResults results = BenchSuite.run(plan, runs, null);
        assertEquals(List.of(), runs.failures());
        for (final String peer : TradingComparison.PEER_NAMES)
        {
            assertEquals(1, results.ok(peer, RunKind.ROUND_TRIP, 24).size(), peer);
            // 1 s measured at 2,000 ticks/s: 200 orders, and the coordinated-omission correction may add some
            assertTrue(results.medianLatency(peer, 24).count() >= 200, peer);
            assertTrue(results.medianLatency(peer, 24).p50Ns() > 0, peer);
        }
        final List<Figure> measured = Ratio.evaluate(results).stream()
            .filter(r -> r.comparison().peer().equals("trading-ringline"))
            .peek(r -> assertNotEquals(Ratio.Verdict.NOT_MEASURED, r.verdict(), r.comparison().title()))
            .map(r -> r.comparison().figure()).toList();
        assertEquals(List.of(Figure.P50, Figure.P99, Figure.P999), measured);
        assertNoRunDirectoryLeft();
    }

    @Test
    void aFullRunLeavesThemOutUnlessNamedAndOtherSizesAreSkipped() throws Exception
    {
        assertFalse(BenchPlan.full(BenchConfig.from()).roundTripPeers().contains("trading-ringline"));
        final BenchPlan plan = BenchPlan.full(BenchConfig.from("rounds=1", "sizes=32", "pin=none",
            "peers=trading-aeron-ipc"));
        assertEquals(List.of("trading-aeron-ipc"), plan.roundTripPeers());
        final RunCollector runs = new RunCollector();
        BenchSuite.run(plan, runs, null);
        final List<RunResult> ends = runs.ends();
        assertEquals(1, ends.size());
        assertEquals(RunResult.Status.SKIPPED, ends.get(0).status(), ends.get(0).describe());
        assertTrue(ends.get(0).detail().contains("sizes=24"), ends.get(0).detail());
    }

    private static void assertNoRunDirectoryLeft() throws Exception
    {
        try (Stream<Path> entries = Files.list(Path.of("/dev/shm")))
        {
            assertEquals(List.of(), entries.filter(
                p -> p.getFileName().toString().startsWith("ringline-perf-" + PID + "-")).toList());
        }
    }
}
