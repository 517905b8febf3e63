package io.ringline.examples.trading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The trading application end to end, three processes, in each wait mode: every tick read, every order acknowledged
 * and journaled (the journal reads back every order's id after the run), nothing lost, a tick-to-trade histogram,
 * and no channel left behind.
 */
@Timeout(180)
class TradingDemoTest
{
    @TempDir
    Path dir;

    @Test
    void spinningEveryOrderIsAcknowledgedAndJournaledInATemporaryJournal() throws Exception
    {
        final List<Path> journalsBefore = temporaryJournals();
        final String json = TradingDemo.run(1, 2_000, "spin", null);
        assertReport(json, "spin", 2_000);
        assertNoChannelLeft();
        assertTrue(journalsBefore.containsAll(temporaryJournals()), "the temporary journal was removed");
    }

    @Test
    void sleepingOnFutexesEveryOrderIsAcknowledgedAndTheJournalReadsThemBack() throws Exception
    {
        final Path journal = dir.resolve("orders");
        final String json = TradingDemo.run(2, 2_000, "futex", journal);
        assertReport(json, "futex", 4_000);
        final List<Long> ids = new ArrayList<>();
        assertEquals(400, OrderJournal.read(journal, ids::add));
        assertEquals(LongStream.range(0, 400).map(i -> i * Strategy.ORDER_EVERY).boxed().toList(), ids,
            "every acknowledged order, by id, in order");
        assertNoChannelLeft();
    }

    @Test
    void aJournalThatIsNotEmptyOrABadWaitIsRefusedNamingIt() throws Exception
    {
        Files.writeString(dir.resolve("other"), "not a journal");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TradingDemo.run(1, 1_000, "yield", dir))
            .getMessage().contains("journal=" + dir));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TradingDemo.run(1, 1_000, "sleep", null))
            .getMessage().contains("wait=sleep"));
    }

    private static void assertReport(final String json, final String wait, final long ticks)
    {
        assertEquals(ticks, field(json, "ticks"), json);
        final long orders = field(json, "orders");
        assertEquals(ticks / Strategy.ORDER_EVERY, orders, json);
        assertEquals(orders, field(json, "acks"), json);
        assertEquals(orders, field(json, "journaled"), json);
        assertEquals(0, field(json, "lost"), json);
        assertTrue(json.contains("\"wait\":\"" + wait + "\""), json);
        assertTrue(field(json, "tick_to_trade_p50_ns") > 0, json);
        assertTrue(field(json, "tick_to_trade_max_ns") >= field(json, "tick_to_trade_p99_ns"), json);
    }

    private static List<Path> temporaryJournals() throws Exception
    {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir"))))
        {
            return files.filter(f -> f.getFileName().toString().startsWith("ringline-trading-journal-")).toList();
        }
    }

    private static void assertNoChannelLeft() throws Exception
    {
        try (Stream<Path> files = Files.list(Path.of(new io.ringline.Ringline.Context().shmDir())))
        {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().contains("trading-")).toList());
        }
    }

    private static long field(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return Long.parseLong(matcher.group(1));
    }
}
