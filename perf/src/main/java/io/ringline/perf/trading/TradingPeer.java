package io.ringline.perf.trading;

import io.ringline.Ringline;
import io.ringline.examples.trading.FixedRateTicks;
import io.ringline.examples.trading.MarketDataFeed;
import io.ringline.examples.trading.OrderGateway;
import io.ringline.examples.trading.Strategy;
import io.ringline.examples.trading.Tick;
import io.ringline.perf.AeronIpc;
import io.ringline.perf.BenchConfig;
import io.ringline.perf.BenchSession;
import io.ringline.perf.PeerSkippedException;
import io.ringline.perf.RoundTripPeer;
import io.ringline.perf.RoundTripRecorder;
import io.ringline.process.ChildProcess;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The trading application as a bench run: the gateway, the strategy and the feed in three processes, ticks at
 * {@link TradingComparison#TICKS_PER_SECOND} for {@code warmupSeconds + seconds} (rounded to whole seconds), the
 * strategy's tick-to-trade histogram (coordinated omission corrected, the warm-up's orders not measured) as the run's
 * latency. The run fails unless every tick was read and every order acknowledged. Over Ringline it runs the example's
 * own processes ({@link #ringline()}); over Aeron IPC their ports ({@link #aeronIpc()}), with a media driver as the
 * Aeron peers start it ({@link AeronIpc#startDriver(BenchSession)}).
 *
 * <p>Placement (2 CPUs, 3 processes): the strategy, on the path twice (tick in, ack in), busy-spins where the ping
 * thread runs ({@code pin=split}: CPU 0); the gateway busy-spins on the other CPU, which it shares with the feed; the
 * feed sleeps between ticks and spins only the last {@link FixedRateTicks#SPIN_BEFORE_DUE_NS} before each, so the
 * gateway has the CPU when an order comes (just after a tick). Two yielding processes on one CPU were tried first
 * (2026-12-06): the scheduler often handed a yielder back its own CPU, and tick-to-trade's p90 was milliseconds.
 * A {@link RoundTripPeer} only to reuse the harness's latency plumbing: the figures are tick-to-trade, not round trips.
 */
public final class TradingPeer implements RoundTripPeer
{
    /** The strategy's wait mode: busy-spin, on a CPU of its own. */
    public static final String STRATEGY_WAIT = "spin";
    /** The gateway's: busy-spin, on the other CPU, which the feed uses only around each tick. */
    public static final String GATEWAY_WAIT = "spin";

    private final String name;
    private final Class<?> gateway;
    private final Class<?> strategy;
    private final Class<?> feed;
    private final boolean aeron;

    private TradingPeer(
        final String name, final Class<?> gateway, final Class<?> strategy, final Class<?> feed, final boolean aeron)
    {
        this.name = name;
        this.gateway = gateway;
        this.strategy = strategy;
        this.feed = feed;
        this.aeron = aeron;
    }

    /**
     * @return the example's processes over Ringline's channels: {@code trading-ringline}.
     */
    public static TradingPeer ringline()
    {
        return new TradingPeer("trading-ringline", OrderGateway.class, RinglineTradingStrategy.class,
            MarketDataFeed.class, false);
    }

    /**
     * @return the same pipeline on Aeron IPC: {@code trading-aeron-ipc}.
     */
    public static TradingPeer aeronIpc()
    {
        return new TradingPeer("trading-aeron-ipc", AeronOrderGateway.class, AeronStrategy.class,
            AeronMarketDataFeed.class, true);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        if (config.size() != Tick.LENGTH)
        {
            throw new PeerSkippedException("a tick is " + Tick.LENGTH + " bytes: run with sizes=" + Tick.LENGTH);
        }
        final long rate = TradingComparison.TICKS_PER_SECOND;
        final long warmupSeconds = Math.round(config.warmupNs() / 1e9);
        final long seconds = warmupSeconds + Math.max(1, Math.round(config.measureNs() / 1e9));
        final Path directory = session.directory();
        final String where = aeron ? AeronIpc.startDriver(session).toString() : "trading";
        final Path report = directory.resolve("tick-to-trade.bin");
        // the children map their channels in the run's directory, deleted with it
        final Map<String, String> properties = Map.of(Ringline.Context.SHM_DIR_PROP_NAME, directory.toString());

        session.startChild(name + "/gateway", gateway,
            List.of(where, GATEWAY_WAIT, directory.resolve("journal").toString()), properties, false);
        final ChildProcess strategyProcess = session.startChild(name + "/strategy", strategy, List.of(where,
            Long.toString(rate), STRATEGY_WAIT, Long.toString(rate * warmupSeconds), report.toString()),
            properties, true);
        final ChildProcess feedProcess = session.startChild(name + "/feed", feed,
            List.of(where, Long.toString(rate), Long.toString(seconds), GATEWAY_WAIT), properties, false);
        session.awaitSuccess(strategyProcess);
        session.awaitSuccess(feedProcess);

        final TickToTradeFile result = TickToTradeFile.read(report).checkComplete(rate * seconds, Strategy.ORDER_EVERY);
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        recorder.add(result.histogram(), config.measureNs());
        return recorder;
    }

    /**
     * Not used: the harness starts all three processes itself.
     *
     * @param args ignored.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public void runPong(final List<String> args)
    {
        throw new UnsupportedOperationException("a trading run has no pong: name=" + name);
    }
}
