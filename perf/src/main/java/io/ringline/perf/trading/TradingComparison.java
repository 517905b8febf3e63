package io.ringline.perf.trading;

import java.util.List;

import io.ringline.perf.RoundTripPeer;

/**
 * The trading application over Ringline against the same pipeline on Aeron IPC (issue 15): the peers, and the settings
 * that run just them, interleaved. Not part of {@code --quick}, nor of a full run unless {@code peers=} names them;
 * {@code ringline bench --trading} runs them with {@link #SETTINGS}.
 */
public final class TradingComparison
{
    /**
     * The feed's fixed rate, the same for both: 2,000 ticks/s, an order every 5 ms; slow enough that the feed sleeps
     * between ticks and leaves its CPU to the gateway ({@link TradingPeer}).
     */
    public static final long TICKS_PER_SECOND = 2_000;

    /** The pipeline over Ringline, then over Aeron IPC. */
    public static final List<RoundTripPeer> PEERS = List.of(TradingPeer.ringline(), TradingPeer.aeronIpc());

    /** Every peer's name. */
    public static final List<String> PEER_NAMES = PEERS.stream().map(RoundTripPeer::name).toList();

    /**
     * The settings of the comparison in docs/perf.md: 3 interleaved rounds, 2 s of warm-up and 20 s measured each
     * (4,000 orders), a tick's 24 bytes, the strategy on CPU 0 and the gateway and feed on CPU 1 ({@code pin=split}).
     */
    public static final String[] SETTINGS = {
        "rounds=3", "sizes=24", "pin=split", "seconds=20", "warmupSeconds=2",
        "peers=" + String.join(",", PEER_NAMES) };

    private TradingComparison()
    {
    }
}
