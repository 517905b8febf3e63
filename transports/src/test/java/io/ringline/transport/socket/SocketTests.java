package io.ringline.transport.socket;

import io.ringline.Publisher;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the socket tests share: free loopback ports, fresh socket paths, offering with a deadline.
 */
public final class SocketTests
{
    private SocketTests()
    {
    }

    /**
     * @return a TCP port on 127.0.0.1 that was free a moment ago.
     */
    public static int freeTcpPort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return a UDP port on 127.0.0.1 that was free a moment ago.
     */
    public static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1")))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param suffix e.g. {@code .sock}.
     * @return a path in the temporary directory that nobody uses.
     */
    public static String freshPath(final String suffix)
    {
        return System.getProperty("java.io.tmpdir") + "/ringline-test-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + suffix;
    }

    /**
     * Offers until the message is taken.
     *
     * @param publisher to offer on.
     * @param buffer    the message.
     * @param length    its length.
     * @return the position.
     */
    public static long offer(final Publisher publisher, final DirectBuffer buffer, final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long result;
        while ((result = publisher.offer(buffer, 0, length)) < 0)
        {
            assertTrue(result != Publisher.CLOSED, "offer: CLOSED on " + publisher);
            assertTrue(System.nanoTime() < deadline, "offer stuck at " + Publisher.resultName(result));
            Thread.yield();
        }
        return result;
    }

    /**
     * Offers until the result is the one expected.
     *
     * @param publisher to offer on.
     * @param buffer    the message.
     * @param length    its length.
     * @param expected  e.g. {@link Publisher#CLOSED}.
     * @return offers made.
     */
    public static int offerUntil(final Publisher publisher, final DirectBuffer buffer, final int length,
        final long expected)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int offers = 0;
        long result;
        do
        {
            assertTrue(System.nanoTime() < deadline, "never " + Publisher.resultName(expected) + ": " + publisher);
            result = publisher.offer(buffer, 0, length);
            offers++;
            Thread.yield();
        }
        while (result != expected);
        return offers;
    }
}
