package io.ringline.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ping --spawn-pong} and {@code throughput} across processes: sane, ordered numbers in the JSON contract, and
 * nothing left behind.
 */
@Timeout(120)
class PingThroughputTest
{
    private static final Set<String> RUN_FIELDS = Set.of("wait", "wait_from", "pinned", "cpus", "jvm", "jvm_flags");
    private static final Set<String> PING_FIELDS = union(Set.of("channel", "size", "count", "p50_ns", "p90_ns",
        "p99_ns", "p999_ns", "p9999_ns", "max_ns", "mean_ns"), RUN_FIELDS);
    private static final Set<String> THROUGHPUT_FIELDS = union(Set.of("channel", "size", "seconds", "msgs_per_sec",
        "bytes_per_sec", "missing", "reordered"), RUN_FIELDS);

    @TempDir
    Path dir;

    @Test
    void pingOverSharedMemory() throws IOException
    {
        assertPing("shm:rtt");
        try (var files = Files.list(dir))
        {
            assertEquals(List.of(), files.toList(), "ping --spawn-pong removes both channels");
        }
    }

    @Test
    void pingOverAUnixSocket()
    {
        final String channel = "unix:" + dir.resolve("rtt.sock");
        assertPing(channel);
        assertTrue(Files.notExists(dir.resolve("rtt.sock")) && Files.notExists(dir.resolve("rtt.sock-pong")),
            "socket files removed");
    }

    @Test
    void pingOverAeronUdpWithNothingStarted()
    {
        final Json result = new Cli(dir).json("ping", "--channel", "aeron:udp?endpoint=127.0.0.1:" +
            freePortPair(), "--spawn-pong", "--json", "--count", "2000",
            "--warmup", "200");
        assertEquals(2000, result.get("count").asLong());
        assertTrue(result.get("p50_ns").asLong() > 0);
    }

    /**
     * {@code ringline pong} started by hand on an aeron:udp channel (its own embedded driver), then {@code ping}
     * without --spawn-pong from another process (another embedded driver): the pong answers every ping.
     */
    @Test
    void pongOverAeronUdpStartedByHand() throws Exception
    {
        final Cli cli = new Cli(dir);
        final String channel = "aeron:udp?endpoint=127.0.0.1:" + freePortPair() + "&driver=embedded";
        try (io.ringline.process.ChildProcess pong = cli.start("pong", "--channel", channel))
        {
            final Json result = cli.json("ping", "--channel", channel, "--json", "--count", "1000", "--warmup",
                "100");
            assertEquals(1000, result.get("count").asLong());
            assertTrue(result.get("p50_ns").asLong() > 0, result::toString);
            assertTrue(pong.isAlive(), "pong keeps serving");
        }
    }

    @Test
    void throughputOverAeronUdp()
    {
        final String channel = "aeron:udp?endpoint=127.0.0.1:" + freePortPair() + "&driver=embedded";
        final Json result = new Cli(dir).json("throughput", "--channel", channel, "--seconds", "0.5",
            "--warmup", "100ms", "--size", "100", "--json");
        assertEquals(THROUGHPUT_FIELDS, result.fields());
        assertEquals(channel, result.get("channel").asString());
        assertTrue(result.get("msgs_per_sec").asLong() > 0, () -> "msgs_per_sec > 0: " + result);
    }

    @Test
    void pingOverTcp()
    {
        assertPing("tcp://127.0.0.1:" + freePortPair());
    }

    @Test
    void pingAtAFixedRate()
    {
        final Json result = new Cli(dir).json("ping", "--channel", "shm:paced", "--spawn-pong", "--json",
            "--count", "200", "--warmup", "20", "--rate", "2000");
        assertEquals(200, result.get("count").asLong());
        assertTrue(result.get("p50_ns").asLong() > 0);
    }

    @Test
    void throughputOverSharedMemory()
    {
        final Json result = new Cli(dir).json("throughput", "--channel", "shm:tput", "--seconds", "0.5",
            "--warmup", "100ms", "--size", "100", "--json");
        assertEquals(THROUGHPUT_FIELDS, result.fields());
        assertEquals("shm:tput", result.get("channel").asString());
        final long msgs = result.get("msgs_per_sec").asLong();
        assertTrue(msgs > 0, () -> "msgs_per_sec > 0: " + result);
        assertEquals(msgs * 100.0, result.get("bytes_per_sec").asDouble(), msgs * 100.0 * 0.01 + 100,
            "bytes_per_sec = msgs_per_sec x size");
        assertTrue(result.get("seconds").asDouble() >= 0.5, () -> "counted for the time asked: " + result);
        assertEquals(0, result.get("missing").asLong(), () -> "a ring loses nothing: " + result);
        assertEquals(0, result.get("reordered").asLong(), () -> "a ring keeps order: " + result);
    }

    @Test
    void pingSaysHowItRanAndAnExplicitWaitWins()
    {
        final Cli cli = new Cli(dir);
        final Json byDefault = cli.json("ping", "--channel", "shm:cond", "--spawn-pong", "--json", "--count", "200",
            "--warmup", "200");
        assertRunConditions(byDefault, "spin", "default", "ping", "pong");
        assertApart(byDefault, "ping", "pong");

        final Json yielding = cli.json("ping", "--channel", "shm:cond-yield?wait=yield", "--spawn-pong", "--json",
            "--count", "200", "--warmup", "200");
        assertRunConditions(yielding, "yield", "uri", "ping", "pong");

        final Json unpinned = cli.json("ping", "--channel", "shm:cond-free", "--spawn-pong", "--json", "--count",
            "200", "--warmup", "200", "--no-pin");
        assertFalse(unpinned.get("pinned").asBoolean(), () -> "--no-pin: " + unpinned);
        assertTrue(unpinned.get("cpus").get("ping").isNull() && unpinned.get("cpus").get("pong").isNull(),
            () -> "--no-pin: " + unpinned);

        final Json overTcp = cli.json("ping", "--channel", "tcp://127.0.0.1:" + freePortPair(), "--spawn-pong",
            "--json", "--count", "200", "--warmup", "200");
        assertEquals("transport", overTcp.get("wait").asString(), () -> "wait= is a ring's: " + overTcp);
    }

    @Test
    void throughputSaysHowItRanAndAnExplicitWaitWins()
    {
        final Cli cli = new Cli(dir);
        final Json byDefault = cli.json("throughput", "--channel", "shm:cond-tput", "--seconds", "0.2", "--warmup",
            "0s", "--json");
        assertRunConditions(byDefault, "spin", "default", "consumer", "producer");
        assertApart(byDefault, "consumer", "producer");

        final Json backingOff = cli.json("throughput", "--channel", "shm:cond-tput-backoff?wait=backoff", "--seconds",
            "0.2", "--warmup", "0s", "--json", "--cpu", "0", "--producer-cpu", "0");
        assertRunConditions(backingOff, "backoff", "uri", "consumer", "producer");
        assertEquals(0, backingOff.get("cpus").get("consumer").asLong(), () -> "--cpu 0: " + backingOff);
        assertEquals(0, backingOff.get("cpus").get("producer").asLong(), () -> "--producer-cpu 0: " + backingOff);
    }

    private static void assertRunConditions(
        final Json result, final String wait, final String waitFrom, final String role, final String peerRole)
    {
        assertEquals(wait, result.get("wait").asString(), () -> "wait: " + result);
        assertEquals(waitFrom, result.get("wait_from").asString(), () -> "wait_from: " + result);
        assertEquals(Set.of(role, peerRole), result.get("cpus").fields(), () -> "cpus: " + result);
        assertTrue(result.get("jvm").asString().contains(Runtime.version().feature() + "."),
            () -> "jvm with its version: " + result);
        assertTrue(result.get("jvm_flags").asString().contains("-Xmx"), () -> "jvm_flags: " + result);
        if (Runtime.getRuntime().availableProcessors() >= 2)
        {
            assertTrue(result.get("pinned").asBoolean(), () -> "pinned on two or more CPUs: " + result);
        }
    }

    private static void assertApart(final Json result, final String role, final String peerRole)
    {
        if (Runtime.getRuntime().availableProcessors() >= 2)
        {
            final Json cpus = result.get("cpus");
            assertTrue(cpus.get(role).asLong() != cpus.get(peerRole).asLong(),
                () -> role + " and " + peerRole + " on different CPUs by default: " + result);
        }
    }

    private static Set<String> union(final Set<String> first, final Set<String> second)
    {
        final Set<String> all = new java.util.HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }

    private void assertPing(final String channel)
    {
        final Json result = new Cli(dir).json("ping", "--channel", channel, "--spawn-pong", "--json",
            "--count", "500", "--warmup", "50", "--size", "64");
        assertEquals(PING_FIELDS, result.fields());
        assertEquals(channel, result.get("channel").asString());
        assertEquals(64, result.get("size").asLong());
        assertEquals(500, result.get("count").asLong());
        final long p50 = result.get("p50_ns").asLong();
        assertTrue(p50 > 0, () -> "p50 > 0: " + result);
        long previous = p50;
        for (final String field : List.of("p90_ns", "p99_ns", "p999_ns", "p9999_ns", "max_ns"))
        {
            final long value = result.get(field).asLong();
            assertTrue(value >= previous, () -> field + " ordered: " + result);
            previous = value;
        }
        final long mean = result.get("mean_ns").asLong();
        assertTrue(mean > 0 && mean <= result.get("max_ns").asLong(), () -> "mean within range: " + result);
    }

    private static int freePortPair()
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            try (ServerSocket first = new ServerSocket(0))
            {
                final int port = first.getLocalPort();
                if (port < 65535)
                {
                    try (ServerSocket second = new ServerSocket(port + 1))
                    {
                        return port;
                    }
                    catch (final IOException taken)
                    {
                        // try another pair
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        throw new IllegalStateException("no free pair of loopback ports");
    }
}
