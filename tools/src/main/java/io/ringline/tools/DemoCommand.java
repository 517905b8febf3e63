package io.ringline.tools;

import io.ringline.examples.trading.TradingDemo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ringline demo trading}: runs the reference trading application of module {@code examples} (feed, strategy,
 * gateway, three processes) and reports tick-to-trade.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs a reference application of module examples/.",
    subcommands = { DemoCommand.Trading.class },
    footer = { "", "Examples:", "  ringline demo trading --seconds 10 --rate 20000 --json",
        "  ringline demo trading --wait futex --journal /tmp/orders" })
final class DemoCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "trading is required");
    }

    /**
     * {@code ringline demo trading}: feed -> strategy -> gateway; exit 1 when anything was lost.
     */
    @Command(
        name = "trading",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a market-data feed (ticks at a fixed rate), a strategy (an order on one tick in 10, through " +
            "request/response) and an order gateway (journals, then acknowledges each order) as three processes; " +
            "prints tick-to-trade (tick due -> order acknowledged, HdrHistogram, coordinated omission corrected), " +
            "the counts and the orders read back from the journal; stops them and removes their channels (and the " +
            "journal unless --journal). Exits 1 when a tick or an order was lost." })
    static final class Trading implements Callable<Integer>
    {
        private static final String[] FIELDS = { "ticks", "orders", "acks", "lost", "tick_to_trade_p50_ns",
            "tick_to_trade_p99_ns", "tick_to_trade_p999_ns", "tick_to_trade_max_ns", "journaled" };

        @Option(names = "--seconds", defaultValue = "5", paramLabel = "S", description = "How long the feed runs.")
        long seconds;

        @Option(names = "--rate", defaultValue = "10000", paramLabel = "TICKS_PER_S", description = "Ticks per second.")
        long rate;

        @Option(names = "--wait", defaultValue = "yield", paramLabel = "spin|yield|futex",
            description = "How the processes wait on their channels (wait= in every URI): busy-spin, yield, or " +
                "sleep on the channel's futex. Default: ${DEFAULT-VALUE}.")
        String waitMode;

        @Option(names = "--journal", paramLabel = "DIR",
            description = "The gateway's journal directory (new or empty), kept after the run; default: a " +
                "temporary one, removed.")
        Path journal;

        @Option(names = "--json", description = "One JSON object instead of a table.")
        boolean json;

        @Override
        public Integer call() throws InterruptedException
        {
            final String report = TradingDemo.run(seconds, rate, waitMode, journal);
            if (json)
            {
                System.out.println(report);
            }
            else
            {
                for (final String field : FIELDS)
                {
                    System.out.printf("%-24s %d%n", field, field(report, field));
                }
                System.out.printf("%-24s %s%n", "wait", waitMode);
            }
            return field(report, "lost") == 0 ? RinglineCli.EXIT_OK : RinglineCli.EXIT_FAILURE;
        }

        private static long field(final String report, final String name)
        {
            final Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(report);
            if (!matcher.find())
            {
                throw new IllegalStateException("field=" + name + " is not in the report: " + report);
            }
            return Long.parseLong(matcher.group(1));
        }
    }
}
