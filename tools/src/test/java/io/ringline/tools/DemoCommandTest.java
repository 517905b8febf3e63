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
            "\"wait\":\"yield\"", "\"journaled\":100",
            "tick_to_trade_p50_ns", "tick_to_trade_p99_ns", "tick_to_trade_p999_ns", "tick_to_trade_max_ns" })
        {
            assertTrue(result.stdout().contains(field), field + " in " + result.stdout());
        }
    }

    @Test
    void aFutexRunJournalsEveryOrderInTheGivenDirectory()
    {
        final Path journal = dir.resolve("orders");
        final Cli.Result result = new Cli(dir).run("demo", "trading", "--seconds", "1", "--rate", "1000",
            "--wait", "futex", "--journal", journal.toString(), "--json").assertOk();
        for (final String field : new String[] { "\"orders\":100", "\"acks\":100", "\"lost\":0",
            "\"wait\":\"futex\"", "\"journaled\":100" })
        {
            assertTrue(result.stdout().contains(field), field + " in " + result.stdout());
        }
        assertTrue(java.nio.file.Files.isDirectory(journal), "the journal given is kept");
    }

    @Test
    void aBadRateOrWaitIsRefusedNamingIt()
    {
        new Cli(dir).run("demo", "trading", "--rate", "1").assertFails(1, "rate=1");
        new Cli(dir).run("demo", "trading", "--wait", "sleep").assertFails(1, "wait=sleep");
    }
}
