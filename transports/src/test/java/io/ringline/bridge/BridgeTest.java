package io.ringline.bridge;

import io.ringline.Ringline;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import io.ringline.transport.aeron.AeronPeerMain;
import io.ringline.transport.aeron.EmbeddedDriverDirs;
import io.ringline.transport.socket.SocketTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * shm → bridge process → aeron:udp on 127.0.0.1 → bridge process → shm, each process its own JVM and each bridge
 * with its embedded media driver: every message arrives once, in order, with its type and length (some fragmented);
 * and with the receiving bridge killed and restarted, the loss is reported by the restarted bridge
 * ({@code gap event=joined}) and covers every message the consumer misses. Channels and driver directories are
 * removed afterwards.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BridgeTest
{
    private static final Pattern JOINED = Pattern.compile("gap event=joined .* lost=(\\d+)");
    private static final Pattern MISSING = Pattern.compile("received \\d+ missing (\\d+)");
    private static final Pattern GAP_LOST = Pattern.compile("gap event=(\\S+) .* lost=(-?\\d+)");

    private final String src = "shm:bridge-src-" + suffix();
    private final String dst = "shm:bridge-dst-" + suffix();
    private final String network = "aeron:udp?endpoint=127.0.0.1:" + SocketTests.freeUdpPort() + "&driver=embedded";
    private final Path state = Path.of("/dev/shm", "ringline-bridge-state-" + suffix());
    private final List<ChildProcess> children = new ArrayList<>();

    @Test
    void millionMessagesThroughTwoBridges() throws Exception
    {
        final long count = 1_000_000;
        try
        {
            final ChildProcess consumer = start(AeronPeerMain.class, "sub", dst, Long.toString(count));
            consumer.awaitLine("ready", 20_000);
            final ChildProcess receiving = startBridge(network, dst);
            final ChildProcess sending = startBridge(src, network);
            final ChildProcess producer = start(AeronPeerMain.class, "pub", src, Long.toString(count));
            assertEquals(0, consumer.awaitExitCode(60_000), consumer.output());
            assertTrue(consumer.output().contains("received " + count), consumer.output());
            assertEquals(0, producer.awaitExitCode(10_000), producer.output());
            for (final ChildProcess bridge : List.of(sending, receiving))
            {
                bridge.stop();
                assertTrue(bridge.awaitExit(10_000), bridge.output());
                assertTrue(bridge.output().contains("bridge stopped forwarded=" + count + " "), bridge.output());
                assertTrue(bridge.output().contains(" lost=0 gaps=0"), bridge.output());
            }
        }
        finally
        {
            cleanUp();
        }
    }

    @Test
    void receivingBridgeRestartIsReported() throws Exception
    {
        final long count = 100_000;
        try
        {
            final ChildProcess consumer = start(AeronPeerMain.class, "sub-gaps", dst, Long.toString(count));
            consumer.awaitLine("ready", 20_000);
            final ChildProcess first = startBridge(network, dst);
            startBridge(src, network);
            start(AeronPeerMain.class, "pub", src, Long.toString(count), "100");
            consumer.awaitLine("progress", 30_000);
            first.kill();
            final ChildProcess second = startBridge(network, dst);
            assertEquals(0, consumer.awaitExitCode(60_000), consumer.output());
            final Matcher missing = MISSING.matcher(consumer.output());
            assertTrue(missing.find(), consumer.output());
            final Matcher joined = JOINED.matcher(second.output());
            assertTrue(joined.find(), "restarted bridge reported no gap: " + second.output());
            final long reported = Long.parseLong(joined.group(1));
            final long missed = Long.parseLong(missing.group(1));
            assertTrue(reported >= missed, "reported lost=" + reported + " < missed=" + missed);
            System.out.println("bridge restart: consumer missed " + missed + ", restarted bridge reported lost=" +
                reported);
        }
        finally
        {
            cleanUp();
        }
    }

    /**
     * The sending bridge, with a state file, killed (SIGKILL, its embedded driver with it) and restarted: it resumes
     * its epoch, sequence and source position, so the receiving bridge reports the loss as gaps whose sum is exactly
     * what the consumer missed (what the killed driver had taken and never sent), and no sender restart.
     */
    @Test
    void sendingBridgeRestartWithStateIsCountedExactly() throws Exception
    {
        final long count = 100_000;
        try
        {
            final ChildProcess consumer = start(AeronPeerMain.class, "sub-gaps", dst, Long.toString(count));
            consumer.awaitLine("ready", 20_000);
            final ChildProcess receiving = startBridge(network, dst);
            final ChildProcess first = startBridge(src, network, "--state", state.toString());
            start(AeronPeerMain.class, "pub", src, Long.toString(count), "100");
            consumer.awaitLine("progress", 30_000);
            first.kill();
            final ChildProcess second = startBridge(src, network, "--state", state.toString());
            assertTrue(second.output().contains("bridge resumed at="), second.output());
            assertEquals(0, consumer.awaitExitCode(60_000), consumer.output());
            final Matcher missing = MISSING.matcher(consumer.output());
            assertTrue(missing.find(), consumer.output());
            final long missed = Long.parseLong(missing.group(1));
            receiving.stop();
            assertTrue(receiving.awaitExit(10_000), receiving.output());
            long reported = 0;
            final Matcher gap = GAP_LOST.matcher(receiving.output());
            while (gap.find())
            {
                assertTrue(gap.group(1).equals("gap") || gap.group(1).equals("duplicate"), receiving.output());
                reported += Long.parseLong(gap.group(2));
            }
            assertEquals(missed, reported, "the receiving bridge's count is exact: " + receiving.output());
            System.out.println("sending bridge restart: consumer missed " + missed + ", receiving bridge reported " +
                "lost=" + reported);
        }
        finally
        {
            cleanUp();
        }
    }

    private ChildProcess startBridge(final String from, final String to, final String... options)
        throws InterruptedException
    {
        final List<String> args = new ArrayList<>(List.of("--from", from, "--to", to));
        args.addAll(List.of(options));
        final ChildProcess bridge = start(BridgeMain.class, args.toArray(String[]::new));
        bridge.awaitLine("bridge ready from=" + from + " to=" + to, 20_000);
        return bridge;
    }

    private ChildProcess start(final Class<?> main, final String... args)
    {
        final ChildProcess child = ChildProcess.startLogged(JavaCommand.of(main, args).options(JavaCommand.SMALL_HEAP));
        children.add(child);
        return child;
    }

    private void cleanUp()
    {
        for (final ChildProcess child : children)
        {
            child.close();
        }
        try (Ringline ringline = Ringline.connect())
        {
            ringline.removeChannel(src);
            ringline.removeChannel(dst);
        }
        try
        {
            Files.deleteIfExists(state);
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        for (final ChildProcess child : children)
        {
            EmbeddedDriverDirs.deleteOf(child.pid());
        }
    }

    private static String suffix()
    {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }
}
