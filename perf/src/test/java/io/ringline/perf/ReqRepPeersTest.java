package io.ringline.perf;

import io.ringline.perf.bench.BenchPlan;
import io.ringline.perf.bench.BenchResults;
import io.ringline.perf.bench.Ratio;
import io.ringline.perf.bench.RunKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The request/response peers wired into the benchmark: a short plan of Ringline request/response (busy-spin and
 * futex), the ring's plain ping-pong, Ringline's futex ping-pong, Aeron IPC's ping-pong and request/response (their
 * answering side shared, {@code AeronIpc.pong}) runs each of them in
 * child processes (every reply checked against its request by the peers), and the report's comparisons between them
 * are measured. Not a benchmark: the counts are tiny and nothing is asserted on the figures.
 */
@Timeout(300)
class ReqRepPeersTest
{
    private static final List<String> PEERS = List.of(
        "ringline-shm", "ringline-futex", "ringline-reqrep", "ringline-reqrep-futex", "aeron-ipc", "aeron-ipc-reqrep");

    @Test
    void eachRequestResponsePeerRunsAndItsComparisonsAreMeasured() throws Exception
    {
        final BenchPlan plan = BenchPlan.full(BenchConfig.from("rounds=1", "sizes=32", "count=2000", "warmup=1000",
            "seconds=0.2", "warmupSeconds=0.2", "timeoutSeconds=120", "pin=none", "peers=" + String.join(",", PEERS)));
        assertEquals(PEERS, plan.roundTripPeers().stream().sorted(
            (a, b) -> PEERS.indexOf(a) - PEERS.indexOf(b)).toList(), "every peer is registered");
        final BenchResults results = PlanRuns.runExpectingNoFailure(plan);
        for (final String peer : PEERS)
        {
            assertEquals(1, results.ok(peer, RunKind.ROUND_TRIP, 32).size(), peer);
            assertTrue(results.medianLatency(peer, 32).p50Ns() > 0, peer);
        }

        final List<Ratio> ratios = Ratio.evaluate(results);
        assertMeasured(ratios, "ringline-reqrep", "ringline-shm", 1.1);
        assertMeasured(ratios, "ringline-reqrep", "aeron-ipc-reqrep", Double.NaN);
        assertMeasured(ratios, "ringline-reqrep-futex", "ringline-futex", Double.NaN);
    }

    private static void assertMeasured(
        final List<Ratio> ratios, final String peer, final String reference, final double limit)
    {
        final Ratio ratio = ratios.stream()
            .filter(r -> r.comparison().peer().equals(peer) && r.comparison().reference().equals(reference))
            .findFirst().orElseThrow(() -> new AssertionError("no comparison " + peer + " / " + reference));
        assertEquals(limit, ratio.comparison().limit(), peer + " / " + reference);
        assertEquals(1, ratio.perRound().size(), peer + " / " + reference);
        assertNotEquals(Ratio.Verdict.NOT_MEASURED, ratio.verdict(), peer + " / " + reference);
    }
}
