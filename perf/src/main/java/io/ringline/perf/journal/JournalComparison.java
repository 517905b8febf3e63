package io.ringline.perf.journal;

import java.util.List;

import io.ringline.perf.RoundTripPeer;
import io.ringline.perf.ThroughputPeer;

/**
 * The journal against Chronicle Queue (issue 13): the peers, and the settings that run just them. Latency at 167 k
 * and 1 M messages per second for the journal, Chronicle Queue and the shared-memory ring ({@link
 * FixedRateLatencyPeer}); maximum rate of the journal and of Chronicle Queue ({@link StreamThroughputPeer}); replay
 * from a cold start of both ({@link ReplayPeer}) and the memcpy bandwidth it is held to ({@link
 * MemcpyBandwidthPeer}). Not part of {@code --quick}, nor of a full run unless {@code peers=} names them;
 * {@code ringline bench --journal} runs them with {@link #SETTINGS}.
 */
public final class JournalComparison
{
    private static final OneWayChannel CHRONICLE = new ChronicleQueueChannel();
    private static final OneWayChannel JOURNAL = RinglineChannel.journal();
    private static final OneWayChannel RING = RinglineChannel.ring();

    /**
     * The fixed-rate latency peers, per rate: Chronicle Queue, the journal, the ring.
     */
    public static final List<RoundTripPeer> LATENCY_PEERS = List.of(
        new FixedRateLatencyPeer(CHRONICLE, 167_000, "167k"),
        new FixedRateLatencyPeer(JOURNAL, 167_000, "167k"),
        new FixedRateLatencyPeer(RING, 167_000, "167k"),
        new FixedRateLatencyPeer(CHRONICLE, 1_000_000, "1m"),
        new FixedRateLatencyPeer(JOURNAL, 1_000_000, "1m"),
        new FixedRateLatencyPeer(RING, 1_000_000, "1m"));

    /**
     * The rate and replay peers, and the memcpy yardstick.
     */
    public static final List<ThroughputPeer> THROUGHPUT_PEERS = List.of(
        new StreamThroughputPeer(CHRONICLE),
        new StreamThroughputPeer(JOURNAL),
        new ReplayPeer(CHRONICLE),
        new ReplayPeer(JOURNAL),
        new MemcpyBandwidthPeer());

    /**
     * Every peer's name.
     */
    public static final List<String> PEER_NAMES = java.util.stream.Stream.concat(
        LATENCY_PEERS.stream().map(RoundTripPeer::name), THROUGHPUT_PEERS.stream().map(ThroughputPeer::name))
        .toList();

    /**
     * The settings of the comparison in docs/perf.md: 40-byte messages, short throughput windows (the journal and
     * the queue keep every message), both sides on different cores.
     */
    public static final String[] SETTINGS = {
        "sizes=40", "pin=split", "seconds=0.5", "warmupSeconds=0.5", "count=1000000", "warmup=200000",
        "peers=" + String.join(",", PEER_NAMES) };

    private JournalComparison()
    {
    }
}
