package io.ringline.examples.trading;

import io.ringline.Ringline;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the trading application: starts the gateway, the strategy and the feed as three processes, waits for the
 * feed to end and the strategy to report, stops the gateway, removes the channels, and prints the strategy's JSON
 * line. Arguments: {@code [SECONDS [TICKS_PER_S]]} (default 5 s at 10,000 ticks/s).
 */
public final class TradingDemo
{
    private TradingDemo()
    {
    }

    /**
     * @param args seconds, rate.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        final long rate = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        System.out.println(run(seconds, rate));
    }

    private static ChildProcess start(final Class<?> mainClass, final String... args)
    {
        // the children map their channels where this process does (ringline.shm.dir), so that it removes them
        return ChildProcess.startLogged(JavaCommand.of(mainClass, args).options(JavaCommand.SMALL_HEAP)
            .property(Ringline.Context.SHM_DIR_PROP_NAME, new Ringline.Context().shmDir()));
    }

    /**
     * @param seconds how long the feed runs, &gt;= 1.
     * @param rate    ticks per second, in [10, 1,000,000].
     * @return the strategy's JSON line.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static String run(final long seconds, final long rate) throws InterruptedException
    {
        if (seconds < 1)
        {
            throw new IllegalArgumentException("seconds=" + seconds + " must be >= 1");
        }
        if (rate < Strategy.ORDER_EVERY || rate > 1_000_000)
        {
            throw new IllegalArgumentException("rate=" + rate + " must be in [10, 1000000] ticks per second");
        }
        final String name = "trading-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        try (ChildProcess gateway = start(OrderGateway.class, name))
        {
            gateway.awaitLine("READY", 30_000);
            try (ChildProcess strategy = start(Strategy.class, name, Long.toString(rate));
                ChildProcess feed = start(MarketDataFeed.class, name, Long.toString(rate),
                    Long.toString(seconds)))
            {
                strategy.awaitLine("READY", 30_000);
                if (strategy.awaitExitCode(seconds * 1_000 + 60_000) != 0 || feed.awaitExitCode(10_000) != 0)
                {
                    throw new IllegalStateException("strategy or feed failed: " + strategy.output() + feed.output());
                }
                return strategy.output().lines().filter(line -> line.startsWith("{")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no report: " + strategy.output()));
            }
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(Channels.ticks(name));
                cleaner.removeChannel(Channels.orders(name));
            }
        }
    }
}
