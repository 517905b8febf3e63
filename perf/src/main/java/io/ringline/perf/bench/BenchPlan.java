package io.ringline.perf.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.ringline.perf.BenchConfig;
import io.ringline.perf.PeerRegistry;
import io.ringline.perf.RoundTripPeer;
import io.ringline.perf.ThroughputPeer;
import io.ringline.perf.journal.JournalComparison;
import io.ringline.perf.trading.TradingComparison;

/**
 * Which peers a benchmark runs, at which sizes, in how many rounds. Peers in {@link #everyRound()} run in every round;
 * the others only in the first, which is how {@link #quick(BenchConfig)} fits every transport into a few minutes while
 * the gated peers still get the rounds their medians need.
 *
 * @param config          the settings (counts, durations, sizes, rounds, pinning).
 * @param roundTripPeers  round-trip peers, in report order.
 * @param throughputPeers throughput peers, in report order.
 * @param everyRound      peers run in every round; null for all.
 */
public record BenchPlan(
    BenchConfig config, List<String> roundTripPeers, List<String> throughputPeers, Set<String> everyRound)
{
    /** The ring and what it is gated against: run in every round of {@link #quick(BenchConfig)}. */
    public static final Set<String> QUICK_REPEATED = Set.of(
        "ringline-shm", "aeron-ipc", "agrona-o2o-ring", "c-shm-cacheline");

    /** Every Ringline transport and its C counterpart: run once in {@link #quick(BenchConfig)}. */
    public static final List<String> QUICK_ONCE = List.of(
        "ringline-futex", "c-futex", "ringline-fifo", "c-pipe", "c-pipe-poll", "ringline-mq", "c-mq",
        "ringline-sysvmq", "c-sysvmq", "c-sysvmq-backoff", "ringline-unix", "c-unix-socket", "ringline-tcp", "c-tcp",
        "ringline-unixgram", "c-unixgram", "ringline-udp", "c-udp");

    /** Settings of {@link #quick(BenchConfig)}: short runs, 32-byte messages, both sides on different cores. */
    public static final String[] QUICK_SETTINGS = {
        "rounds=5", "count=20000", "warmup=20000", "seconds=0.5", "warmupSeconds=1.5", "sizes=32", "pin=split",
        "timeoutSeconds=60", "peers=" };

    /** Settings of a full run unless given otherwise: the four sizes, both sides on different cores. */
    public static final String[] FULL_SETTINGS = { "sizes=32,256,4096,65536", "pin=split", "seconds=2" };

    /**
     * The quick benchmark ({@code ringline bench --quick}, CI's perf smoke): the ring, Aeron IPC, Agrona's
     * one-to-one ring and the C cache-line floor in five interleaved rounds; every other Ringline transport and its
     * C counterpart once.
     *
     * @param base      settings to start from (system properties); the quick settings replace theirs.
     * @param overrides {@code key=value} settings that replace the quick ones, e.g. fewer rounds in a test.
     * @return the plan.
     */
    public static BenchPlan quick(final BenchConfig base, final String... overrides)
    {
        final List<String> names = new ArrayList<>(QUICK_REPEATED);
        names.addAll(QUICK_ONCE);
        return select(base.with(QUICK_SETTINGS).with(overrides), names, QUICK_REPEATED);
    }

    /**
     * The journal against Chronicle Queue and the ring ({@code ringline bench --journal}, issue 13): the peers and
     * settings of {@link JournalComparison}, every round.
     *
     * @param base      settings to start from (system properties); the comparison's settings replace theirs.
     * @param overrides {@code key=value} settings that replace the comparison's, e.g. fewer rounds.
     * @return the plan.
     */
    public static BenchPlan journal(final BenchConfig base, final String... overrides)
    {
        return select(base.with(JournalComparison.SETTINGS).with(overrides), null, null);
    }

    /**
     * The trading application over Ringline against the same pipeline on Aeron IPC ({@code ringline bench --trading},
     * issue 15): the peers and settings of {@link TradingComparison}, every round.
     *
     * @param base      settings to start from (system properties); the comparison's settings replace theirs.
     * @param overrides {@code key=value} settings that replace the comparison's, e.g. fewer rounds.
     * @return the plan.
     */
    public static BenchPlan trading(final BenchConfig base, final String... overrides)
    {
        return select(base.with(TradingComparison.SETTINGS).with(overrides), null, null);
    }

    /**
     * A full run: every peer the config selects (all by default, but for the journal and trading comparisons', which
     * must be named), every round, at every size.
     *
     * @param config the settings; {@code peers=} narrows the selection.
     * @return the plan.
     */
    public static BenchPlan full(final BenchConfig config)
    {
        return select(config, null, null);
    }

    private static BenchPlan select(final BenchConfig config, final List<String> names, final Set<String> everyRound)
    {
        final List<String> roundTrip = new ArrayList<>();
        for (final RoundTripPeer peer : PeerRegistry.roundTripPeers())
        {
            if (selected(config, names, peer.name()))
            {
                roundTrip.add(peer.name());
            }
        }
        final List<String> throughput = new ArrayList<>();
        for (final ThroughputPeer peer : PeerRegistry.throughputPeers())
        {
            if (selected(config, names, peer.name()))
            {
                throughput.add(peer.name());
            }
        }
        return new BenchPlan(config, List.copyOf(roundTrip), List.copyOf(throughput), everyRound);
    }

    /**
     * The journal comparison's peers run only when {@code peers=} names them ({@link #journal} does): at the full
     * run's sizes and seconds, a journal or queue keeping every message would fill {@code /dev/shm}. So do the trading
     * comparison's ({@link #trading}): a tick has one size, and a run takes its seconds at a fixed rate.
     */
    private static boolean selected(final BenchConfig config, final List<String> names, final String peer)
    {
        if (null != names)
        {
            return names.contains(peer);
        }
        return config.includes(peer) && (config.names(peer) ||
            !JournalComparison.PEER_NAMES.contains(peer) && !TradingComparison.PEER_NAMES.contains(peer));
    }

    /**
     * @param peer  a peer's name.
     * @param round from 1.
     * @return whether the peer runs in that round.
     */
    public boolean runsIn(final String peer, final int round)
    {
        return round == 1 || null == everyRound || everyRound.contains(peer);
    }

    /**
     * @return how many runs the plan makes, for a progress bar.
     */
    public int totalRuns()
    {
        int total = 0;
        for (int round = 1; round <= config.rounds(); round++)
        {
            for (final String peer : roundTripPeers)
            {
                total += runsIn(peer, round) ? config.sizes().size() : 0;
            }
            for (final String peer : throughputPeers)
            {
                total += runsIn(peer, round) ? config.sizes().size() : 0;
            }
        }
        return total;
    }
}
