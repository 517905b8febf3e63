package io.ringline.examples.trading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The trading application end to end, three processes: every tick read, every order acknowledged, nothing lost, a
 * tick-to-trade histogram, and no channel left behind.
 */
@Timeout(180)
class TradingDemoTest
{
    @Test
    void everyOrderIsAcknowledgedAndNothingIsLost() throws Exception
    {
        final String json = TradingDemo.run(2, 2_000);
        final long ticks = field(json, "ticks");
        final long orders = field(json, "orders");
        assertEquals(4_000, ticks, json);
        assertEquals(400, orders, json);
        assertEquals(orders, field(json, "acks"), json);
        assertEquals(0, field(json, "lost"), json);
        assertTrue(field(json, "tick_to_trade_p50_ns") > 0, json);
        assertTrue(field(json, "tick_to_trade_max_ns") >= field(json, "tick_to_trade_p99_ns"), json);
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of("/dev/shm")))
        {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("ringline-trading-")).count());
        }
    }

    private static long field(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return Long.parseLong(matcher.group(1));
    }
}
