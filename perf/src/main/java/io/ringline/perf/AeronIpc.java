package io.ringline.perf;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.ImageFragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What the Aeron peers share: the channel, stream ids, starting the run's media driver, the image to poll and
 * offering without hiding a dead publication. Configured as Aeron's own samples are ({@code Ping}, {@code Pong},
 * {@code EmbeddedExclusiveIpcThroughput} with {@code SampleConfiguration}'s defaults): exclusive publications, each
 * side polling its {@code Image} through an {@code ImageFragmentAssembler} {@value #FRAGMENT_COUNT_LIMIT} fragments
 * at a time and busy-spinning, messages offered from a direct cache-aligned buffer, the media driver in SHARED
 * threading mode with a back-off idle strategy and left to the scheduler.
 */
public final class AeronIpc
{
    /**
     * Aeron's shared memory channel.
     */
    public static final String CHANNEL = "aeron:ipc";

    /**
     * Harness to pong.
     */
    public static final int PING_STREAM_ID = 1001;

    /**
     * Pong to harness.
     */
    public static final int PONG_STREAM_ID = 1002;

    /**
     * Producer to harness.
     */
    public static final int THROUGHPUT_STREAM_ID = 1003;

    /**
     * Fragments a poll takes at most: Aeron's {@code SampleConfiguration.FRAGMENT_COUNT_LIMIT} default, used by its
     * throughput, ping and pong samples.
     */
    public static final int FRAGMENT_COUNT_LIMIT = 10;

    private static final long DRIVER_TIMEOUT_MS = 30_000;

    private AeronIpc()
    {
    }

    /**
     * Starts a media driver child for this run, with its directory under the run's directory. It is not pinned,
     * whatever the {@code pin=} mode: confined to the producer's CPU under {@code pin=split}, its conductor and its
     * JVM's threads took turns with the producer and cut Aeron's throughput by a third (docs/perf-history.md);
     * Aeron's samples leave the driver to the scheduler.
     *
     * @param session of the run.
     * @return the Aeron directory, for {@link #connect(Path)}.
     * @throws IOException if the child cannot be started.
     */
    public static Path startDriver(final BenchSession session) throws IOException
    {
        final Path aeronDir = session.directory().resolve("aeron");
        session.startHelper("aeron-driver", AeronDriverMain.class, List.of(aeronDir.toString()));

        return aeronDir;
    }

    /**
     * Starts the media driver of one side of a UDP peer: one per side, as one per host across hosts, each with the
     * settings of Ringline's embedded driver (SHARED threading, sparse term files) and the run's {@code aeronIdle=},
     * the near one here
     * and the far one on the far side of the run's network ({@link NetworkSetting}). Unpinned, as
     * {@link #startDriver(BenchSession)}.
     *
     * @param session of the run.
     * @param far     true for the far side's driver.
     * @return the Aeron directory, for {@link #connect(Path)}.
     */
    public static Path startUdpDriver(final BenchSession session, final boolean far)
    {
        final String side = far ? "far" : "near";
        final Path aeronDir = session.directory().resolve("aeron-" + side);
        final List<String> args =
            List.of(aeronDir.toString(), AeronDriverMain.UDP, session.config().aeronIdle());
        if (far)
        {
            session.startFarHelper("aeron-driver-" + side, AeronDriverMain.class, args);
        }
        else
        {
            session.startHelper("aeron-driver-" + side, AeronDriverMain.class, args);
        }
        return aeronDir;
    }

    /**
     * @return a UDP port P such that P and P + 1 were both free on loopback: the ping and the pong port.
     */
    public static int freeUdpPortPair()
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            try (DatagramSocket first = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
            {
                final int port = first.getLocalPort();
                if (port < 65535)
                {
                    try (DatagramSocket second =
                        new DatagramSocket(port + 1, InetAddress.getLoopbackAddress()))
                    {
                        return second.getLocalPort() - 1;
                    }
                    catch (final SocketException taken)
                    {
                        // try another pair
                    }
                }
            }
            catch (final SocketException ex)
            {
                throw new IllegalStateException("no free UDP port", ex);
            }
        }
        throw new IllegalStateException("no free pair of UDP ports after 20 attempts");
    }

    /**
     * What a UDP peer's application thread does when a poll found nothing or an offer was refused: yields. On a
     * 2-core box the network peers run two application threads and, per side, a media driver thread (and a bridge
     * thread): application threads that busy-spin keep the drivers off the cores for a scheduler time slice, which
     * measured milliseconds per round trip (docs/perf.md). Nothing for the IPC peers, which spin as Aeron's samples do.
     *
     * @param udp true for a UDP peer.
     */
    public static void idle(final boolean udp)
    {
        if (udp)
        {
            Thread.yield();
        }
    }

    /**
     * @param host an address.
     * @param port a UDP port.
     * @return {@code aeron:udp?endpoint=HOST:PORT}.
     */
    public static String udpChannel(final String host, final int port)
    {
        return "aeron:udp?endpoint=" + host + ":" + port;
    }

    /**
     * Waits for the subscription's first image, as the samples do before polling it.
     *
     * @param subscription to an IPC stream with one publisher.
     * @param watchdog     of the run.
     * @return the image to poll.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static Image awaitImage(final Subscription subscription, final Watchdog watchdog)
        throws InterruptedException
    {
        watchdog.await("a publisher on stream " + subscription.streamId(), subscription::isConnected);
        return subscription.imageAtIndex(0);
    }

    /**
     * @param length bytes of the message.
     * @return a direct buffer aligned to a cache line, as the samples offer from.
     */
    public static UnsafeBuffer messageBuffer(final int length)
    {
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            BitUtil.align(Math.max(length, BitUtil.CACHE_LINE_LENGTH), BitUtil.CACHE_LINE_LENGTH),
            BitUtil.CACHE_LINE_LENGTH));
    }

    /**
     * Connects a client, waiting for the driver to come up.
     *
     * @param aeronDir the driver's directory.
     * @return the client.
     */
    public static Aeron connect(final Path aeronDir)
    {
        return Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(aeronDir.toString())
            .driverTimeoutMs(DRIVER_TIMEOUT_MS));
    }

    /**
     * Offers once.
     *
     * @param publication to offer to.
     * @param buffer      holding the message.
     * @param offset      of the message.
     * @param length      of the message.
     * @return true if sent; false if back-pressured, not yet connected or in an admin action, so the caller retries.
     * @throws IllegalStateException if the publication is closed or at its maximum position.
     */
    public static boolean offer(
        final Publication publication, final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = publication.offer(buffer, offset, length);
        if (result > 0)
        {
            return true;
        }
        if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
        {
            throw new IllegalStateException("publication cannot send: result=" + Publication.errorString(result));
        }

        return false;
    }

    /**
     * The answering side of a round trip, told of each message: offers something back and counts it.
     */
    public interface Answerer extends FragmentHandler
    {
        /**
         * @return messages answered so far.
         */
        long answered();
    }

    /**
     * Runs a round trip's answering side as Aeron's {@code Pong} sample does: subscribes to {@link #PING_STREAM_ID},
     * publishes on {@link #PONG_STREAM_ID}, and busy-spins polling the image through an
     * {@code ImageFragmentAssembler} until the answerer has answered every message.
     *
     * @param aeronDir   the driver's directory.
     * @param iterations messages to answer.
     * @param answerer   makes the answerer, given the publication to answer on.
     */
    public static void pong(
        final Path aeronDir, final long iterations, final Function<ExclusivePublication, Answerer> answerer)
    {
        pong(aeronDir, CHANNEL, CHANNEL, iterations, answerer, false);
    }

    /**
     * {@link #pong(Path, long, Function)} on other channels, e.g. {@code aeron:udp} ones.
     *
     * @param aeronDir    the driver's directory.
     * @param pingChannel the channel of the ping stream.
     * @param pongChannel the channel of the pong stream.
     * @param iterations  messages to answer before returning.
     * @param answerer    makes the fragment handler that answers on the pong publication.
     * @param udp         true to yield when a poll finds nothing ({@link #idle(boolean)}).
     */
    public static void pong(
        final Path aeronDir,
        final String pingChannel,
        final String pongChannel,
        final long iterations,
        final Function<ExclusivePublication, Answerer> answerer,
        final boolean udp)
    {
        try (Aeron aeron = connect(aeronDir);
            Subscription subscription = aeron.addSubscription(pingChannel, PING_STREAM_ID);
            ExclusivePublication publication = aeron.addExclusivePublication(pongChannel, PONG_STREAM_ID))
        {
            while (!subscription.isConnected())
            {
                Thread.onSpinWait();
            }
            final Image image = subscription.imageAtIndex(0);
            final Answerer answer = answerer.apply(publication);
            final ImageFragmentAssembler assembler = new ImageFragmentAssembler(answer);
            while (answer.answered() < iterations)
            {
                if (image.poll(assembler, FRAGMENT_COUNT_LIMIT) == 0)
                {
                    idle(udp);
                    Thread.onSpinWait();
                }
            }
        }
    }
}
