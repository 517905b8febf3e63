package io.ringline.perf;

import io.ringline.perf.bench.BenchPlan;
import io.ringline.perf.bench.BenchResults;
import io.ringline.perf.bench.Ratio;
import io.ringline.perf.bench.RunKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scale-out peers wired into the benchmark: a short plan of Aeron's own UDP ping-pong and throughput
 * ({@code aeron-udp}), Ringline's {@code aeron:udp} ({@code ringline-aeron-udp}) and the bridged path shm → bridge →
 * aeron:udp → bridge → shm ({@code ringline-bridged-aeron-udp}) runs each end to end in child processes (every echo
 * checked against its ping, every throughput sequence counted), on loopback and, where network namespaces are
 * permitted, with the far side in one joined by a veth pair ({@code net=veth}), which is removed afterwards. Not a
 * benchmark: the counts are tiny and nothing is asserted on the figures.
 */
@Timeout(300)
class BridgedPeersTest
{
    private static final List<String> PEERS = List.of("aeron-udp", "ringline-aeron-udp", BridgedAeronUdpPeer.NAME);

    @Test
    void onLoopback() throws Exception
    {
        runsEndToEnd(NetworkSetting.LOOPBACK);
    }

    @Test
    void withTheFarSideInANetworkNamespace() throws Exception
    {
        try (NetworkSetting probe = NetworkSetting.veth())
        {
            assertTrue(NetworkSettingTest.namespaces().contains(probe.namespace()));
        }
        catch (final IllegalStateException notPermitted)
        {
            assumeTrue(false, "net=veth not possible here: " + notPermitted.getMessage());
        }
        final List<String> before = NetworkSettingTest.namespaces();
        runsEndToEnd(NetworkSetting.VETH);
        assertEquals(before, NetworkSettingTest.namespaces(), "the bench's namespace is removed after the runs");
    }

    private static void runsEndToEnd(final String net) throws Exception
    {
        final BenchPlan plan = BenchPlan.full(BenchConfig.from("rounds=1", "sizes=32", "count=2000", "warmup=500",
            "seconds=0.2", "warmupSeconds=0.2", "timeoutSeconds=120", "pin=none", "net=" + net,
            "peers=" + String.join(",", PEERS)));
        final BenchResults results = PlanRuns.runExpectingNoFailure(plan);
        for (final String peer : PEERS)
        {
            assertTrue(results.medianLatency(peer, 32).p50Ns() > 0, peer);
        }
        for (final String peer : List.of("aeron-udp", BridgedAeronUdpPeer.NAME))
        {
            assertEquals(1, results.ok(peer, RunKind.THROUGHPUT, 32).size(), peer);
        }

        final List<Ratio> ratios = Ratio.evaluate(results);
        assertMeasured(ratios, "ringline-aeron-udp", RunKind.ROUND_TRIP, 1.05);
        assertMeasured(ratios, BridgedAeronUdpPeer.NAME, RunKind.ROUND_TRIP, 1.2);
        assertMeasured(ratios, BridgedAeronUdpPeer.NAME, RunKind.THROUGHPUT, 0.8);
    }

    private static void assertMeasured(
        final List<Ratio> ratios, final String peer, final RunKind kind, final double limit)
    {
        final Ratio ratio = ratios.stream()
            .filter(r -> r.comparison().peer().equals(peer) && r.comparison().reference().equals("aeron-udp") &&
                r.comparison().kind() == kind)
            .findFirst().orElseThrow(() -> new AssertionError("no comparison " + peer + " / aeron-udp " + kind));
        assertEquals(limit, ratio.comparison().limit(), peer);
        assertNotEquals(Ratio.Verdict.NOT_MEASURED, ratio.verdict(), peer + " " + kind);
    }
}
