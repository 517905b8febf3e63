package io.ringline.tools.latency;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;

import java.util.concurrent.TimeUnit;

/**
 * What {@code ping} and {@code throughput} share around their measured loop: a peer process that may have died,
 * waiting for a publisher's reader, and removing the channels they made once done.
 */
public final class PingSession
{
    private PingSession()
    {
    }

    /**
     * Waits until the publisher has a reader.
     *
     * @param publisher the publisher.
     * @param peer      the spawned peer, or null.
     * @param timeoutNs how long to wait.
     * @throws RinglineException naming the channel when nobody reads it in time, or quoting the peer's error.
     */
    public static void awaitConnected(final Publisher publisher, final PeerProcess peer, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (!publisher.isConnected())
        {
            checkPeer(peer);
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new RinglineException("channel=" + publisher.channel() + " has no reader after " +
                    TimeUnit.NANOSECONDS.toMillis(timeoutNs) + "ms" + (null == peer ?
                    ": is `ringline pong` running on it? (or use --spawn-pong)" : ""));
            }
            sleepBriefly();
        }
    }

    /**
     * @param peer the spawned peer, or null.
     * @throws RinglineException quoting the peer's error when it has exited.
     */
    public static void checkPeer(final PeerProcess peer)
    {
        if (null != peer)
        {
            peer.checkRunning();
        }
    }

    /**
     * Removes channels this run made, ignoring the ones already gone or not removable.
     *
     * @param ringline the instance.
     * @param channels their URIs.
     */
    public static void removeChannels(final Ringline ringline, final String... channels)
    {
        for (final String channel : channels)
        {
            try
            {
                ringline.removeChannel(channel);
            }
            catch (final RuntimeException ignore)
            {
                // already gone, or a transport that has nothing to remove
            }
        }
    }

    private static void sleepBriefly()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new RinglineException("interrupted", ex);
        }
    }
}
