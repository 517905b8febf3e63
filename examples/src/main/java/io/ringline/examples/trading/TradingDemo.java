package io.ringline.examples.trading;

import io.ringline.Ringline;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Runs the trading application: starts the gateway, the strategy and the feed as three processes, waits for the
 * feed to end and the strategy to report, stops the gateway, counts the orders its journal holds, removes the
 * channels (and the journal, unless it was given), and prints the strategy's JSON line with the wait mode and the
 * journaled count added. Arguments: {@code [SECONDS [TICKS_PER_S [WAIT [JOURNAL_DIR]]]]} (default 5 s at 10,000
 * ticks/s, yield, a temporary journal).
 */
public final class TradingDemo
{
    private TradingDemo()
    {
    }

    /**
     * @param args seconds, rate, wait mode, journal directory.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        final long rate = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        final String wait = args.length > 2 ? args[2] : "yield";
        System.out.println(run(seconds, rate, wait, args.length > 3 ? Path.of(args[3]) : null));
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
     * @param wait    how the processes wait on their channels: spin, yield or futex.
     * @param journal the gateway's journal directory, new or empty, kept after the run; null for a temporary one,
     *                removed after the run.
     * @return the strategy's JSON line, with {@code wait} and {@code journaled} (orders read back from the journal).
     * @throws InterruptedException if interrupted while waiting.
     */
    public static String run(final long seconds, final long rate, final String wait, final Path journal)
        throws InterruptedException
    {
        if (seconds < 1)
        {
            throw new IllegalArgumentException("seconds=" + seconds + " must be >= 1");
        }
        if (rate < Strategy.ORDER_EVERY || rate > 1_000_000)
        {
            throw new IllegalArgumentException("rate=" + rate + " must be in [10, 1000000] ticks per second");
        }
        if (!Channels.WAIT_MODES.contains(wait))
        {
            throw new IllegalArgumentException("wait=" + wait + " must be one of " + Channels.WAIT_MODES);
        }
        final Path journalDir = null == journal ? temporaryDirectory() : checkEmpty(journal);
        final String name = "trading-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        try
        {
            final String report = runProcesses(name, seconds, rate, wait, journalDir);
            final long journaled = OrderJournal.read(journalDir, orderId -> { });
            return report.substring(0, report.lastIndexOf('}')) +
                ",\"wait\":\"" + wait + "\",\"journaled\":" + journaled + "}";
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(Channels.ticks(name, wait));
                cleaner.removeChannel(Channels.orders(name, wait));
                if (null == journal)
                {
                    cleaner.removeChannel(OrderJournal.uri(journalDir));
                    deleteIfEmpty(journalDir);
                }
            }
        }
    }

    private static String runProcesses(
        final String name, final long seconds, final long rate, final String wait, final Path journalDir)
        throws InterruptedException
    {
        try (ChildProcess gateway = start(OrderGateway.class, name, wait, journalDir.toString()))
        {
            gateway.awaitLine("READY", 30_000);
            try (ChildProcess strategy = start(Strategy.class, name, Long.toString(rate), wait);
                ChildProcess feed = start(MarketDataFeed.class, name, Long.toString(rate),
                    Long.toString(seconds), wait))
            {
                strategy.awaitLine("READY", 30_000);
                if (strategy.awaitExitCode(seconds * 1_000 + 60_000) != 0 || feed.awaitExitCode(10_000) != 0)
                {
                    throw new IllegalStateException("strategy or feed failed: " + strategy.output() + feed.output());
                }
                return strategy.output().lines().filter(line -> line.startsWith("{")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no report: " + strategy.output()));
            }
        } // the gateway stops here: every order it acknowledged is in the journal
    }

    private static Path temporaryDirectory()
    {
        try
        {
            return Files.createTempDirectory("ringline-trading-journal-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the journal's temporary directory", ex);
        }
    }

    private static Path checkEmpty(final Path journal)
    {
        if (Files.exists(journal))
        {
            try (Stream<Path> files = Files.list(journal))
            {
                if (files.findAny().isPresent())
                {
                    throw new IllegalArgumentException("journal=" + journal +
                        " must be a new or empty directory (the demo counts the orders it holds)");
                }
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("journal=" + journal + " is not a readable directory: " + ex, ex);
            }
        }
        return journal.toAbsolutePath();
    }

    private static void deleteIfEmpty(final Path dir)
    {
        try
        {
            Files.deleteIfExists(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove the journal's temporary directory " + dir, ex);
        }
    }
}
