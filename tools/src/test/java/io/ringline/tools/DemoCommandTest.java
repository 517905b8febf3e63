package io.ringline.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringline demo trading}: a short run of the three processes reports every field, nothing lost (exit 0); a
 * bad rate is refused naming it.
 */
@Timeout(180)
class DemoCommandTest
{
    @TempDir
    Path dir;

    @Test
    void aShortTradingRunReportsEveryFieldAndLosesNothing()
    {
        final Cli.Result result = new Cli(dir).run("demo", "trading", "--seconds", "1", "--rate", "1000", "--json")
            .assertOk();
        for (final String field : new String[] { "\"ticks\":1000", "\"orders\":100", "\"acks\":100", "\"lost\":0",
            "tick_to_trade_p50_ns", "tick_to_trade_p99_ns", "tick_to_trade_p999_ns", "tick_to_trade_max_ns" })
        {
            assertTrue(result.stdout().contains(field), field + " in " + result.stdout());
        }
    }

    @Test
    void aBadRateIsRefusedNamingIt()
    {
        new Cli(dir).run("demo", "trading", "--rate", "1").assertFails(1, "rate=1");
    }
}
