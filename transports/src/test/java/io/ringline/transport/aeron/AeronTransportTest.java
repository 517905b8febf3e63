package io.ringline.transport.aeron;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import io.ringline.test.AllocationWindows;
import io.ringline.transport.socket.SocketTests;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code aeron:} transport across processes: a publisher JVM and a subscriber JVM ({@link AeronPeerMain}) on
 * {@code aeron:udp} over 127.0.0.1 (each with its embedded driver) and on {@code aeron:ipc} (through a standalone
 * {@link StandaloneDriver} child), checking types, order, fragmentation, tryClaim and back-pressure; in-process, the
 * URI checks and the zero-allocation hot path. Every driver directory is checked gone afterwards.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AeronTransportTest
{
    private static final long COUNT = 50_000;

    @Test
    void udpAcrossProcessesWithEmbeddedDrivers() throws Exception
    {
        final String uri = "aeron:udp?endpoint=127.0.0.1:" + SocketTests.freeUdpPort() +
            "&driver=embedded&term-length=64k&mtu=1408";
        final List<Path> before = EmbeddedDriverDirs.list();
        exchange(uri, List.of());
        assertEquals(before, EmbeddedDriverDirs.list(), "embedded driver directories left behind");
    }

    @Test
    void ipcAcrossProcessesThroughStandaloneDriver() throws Exception
    {
        final Path dir = Path.of("/dev/shm", "ringline-test-aeron-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        try (ChildProcess driver = ChildProcess.startLogged(JavaCommand.of(StandaloneDriver.class,
            "--dir", dir.toString(), "--threading", "shared", "--idle", "backoff").options(JavaCommand.SMALL_HEAP)))
        {
            driver.awaitLine("driver ready dir=" + dir, 20_000);
            final String publisherOutput = exchange("aeron:ipc?term-length=64k&stream=77",
                List.of("-Daeron.dir=" + dir));
            System.out.println("aeron:ipc publisher: " + publisherOutput.strip());
            assertTrue(publisherOutput.contains("sent " + COUNT + " backPressured "), publisherOutput);
            driver.stop();
            assertTrue(driver.awaitExit(10_000), "driver did not stop on SIGTERM");
        }
        assertFalse(Files.exists(dir), "driver directory left behind: " + dir);
    }

    private static String exchange(final String uri, final List<String> options) throws Exception
    {
        final List<String> jvm = new ArrayList<>(JavaCommand.SMALL_HEAP);
        jvm.addAll(options);
        final ChildProcess subscriber = ChildProcess.startLogged(
            JavaCommand.of(AeronPeerMain.class, "sub", uri, Long.toString(COUNT)).options(jvm));
        ChildProcess publisher = null;
        try
        {
            subscriber.awaitLine("ready", 20_000);
            publisher = ChildProcess.startLogged(
                JavaCommand.of(AeronPeerMain.class, "pub", uri, Long.toString(COUNT)).options(jvm));
            assertEquals(0, subscriber.awaitExitCode(45_000), subscriber.output());
            assertTrue(subscriber.output().contains("received " + COUNT), subscriber.output());
            assertEquals(0, publisher.awaitExitCode(20_000), publisher.output());
            return publisher.output();
        }
        finally
        {
            for (final ChildProcess child : new ChildProcess[] {subscriber, publisher})
            {
                if (null != child)
                {
                    child.close();
                    EmbeddedDriverDirs.deleteOf(child.pid());
                }
            }
        }
    }

    @Test
    void urisAreCheckedAndPassedThrough()
    {
        final AeronChannel channel = AeronChannel.parse(io.ringline.ChannelUri.parse(
            "aeron:udp?endpoint=224.0.1.1:40456&interface=127.0.0.1&stream=9&driver=embedded&mtu=8k"));
        assertEquals("aeron:udp?endpoint=224.0.1.1:40456|interface=127.0.0.1|mtu=8k", channel.aeronChannel());
        assertEquals(9, channel.streamId());
        assertEquals(AeronChannel.EMBEDDED, channel.driver());
        assertEquals(AeronChannel.STREAM_DEFAULT, AeronChannel.parse(io.ringline.ChannelUri.parse("aeron:ipc"))
            .streamId());
        assertThrows(IllegalArgumentException.class,
            () -> AeronChannel.parse(io.ringline.ChannelUri.parse("aeron:udp")));
        assertThrows(IllegalArgumentException.class,
            () -> AeronChannel.parse(io.ringline.ChannelUri.parse("aeron:tcp?endpoint=a:1")));
        assertThrows(IllegalArgumentException.class,
            () -> AeronChannel.parse(io.ringline.ChannelUri.parse("aeron:ipc?driver=remote")));
        assertThrows(IllegalArgumentException.class,
            () -> AeronChannel.parse(io.ringline.ChannelUri.parse("aeron:ipc?mtuu=1408")));
    }

    @Test
    void offerClaimAndPollAllocateNothing()
    {
        final List<Path> before = EmbeddedDriverDirs.list();
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber("aeron:ipc?driver=embedded&stream=5");
            Publisher publisher = ringline.addExclusivePublisher("aeron:ipc?driver=embedded&stream=5"))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
            final BufferClaim claim = new BufferClaim();
            final long[] received = {0};
            final io.ringline.MessageHandler handler = (b, o, l, h) -> received[0] += h.type();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!publisher.isConnected())
            {
                assertTrue(System.nanoTime() < deadline, "never connected: " + publisher);
                Thread.yield();
            }
            // The publication connects when the driver links the subscription; the subscriber's image reaches its
            // client a moment later: one message through first, so that the windows below measure delivery too.
            while (0 == received[0])
            {
                assertTrue(System.nanoTime() < deadline, "nothing delivered: " + subscriber);
                publisher.offer(buffer, 0, 32, 1);
                subscriber.poll(handler, 10);
                Thread.yield();
            }
            received[0] = 0;
            final Runnable work = () ->
            {
                for (int i = 0; i < 1000; i++)
                {
                    while (publisher.offer(buffer, 0, 32, 1) < 0)
                    {
                        subscriber.poll(handler, 10);
                    }
                    while (publisher.tryClaim(16, 2, claim) < 0)
                    {
                        subscriber.poll(handler, 10);
                    }
                    claim.buffer().putInt(claim.offset(), i);
                    claim.commit();
                    subscriber.poll(handler, 10);
                }
            };
            work.run();
            final long[] windows = AllocationWindows.measure(work);
            assertEquals(0, windows[windows.length - 1], "bytes allocated per window: " +
                java.util.Arrays.toString(windows));
            assertTrue(received[0] > 0);
        }
        assertEquals(before, EmbeddedDriverDirs.list(), "embedded driver directory left behind");
    }
}
