package io.ringline.tools.latency;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * One ping's side of a ping-pong: sends a message whose first 8 bytes are a sequence number and waits for the echo
 * with that number. Echoes of older numbers (resent pings, the handshake's) are skipped; on a transport that may lose
 * messages a ping whose echo is 200 ms late is sent again.
 */
public final class RoundTrips
{
    private static final long RESEND_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Publisher pings;
    private final Subscriber echoes;
    private final PeerProcess pong;
    private final boolean lossy;
    private final long timeoutNs;
    private final int size;
    private final UnsafeBuffer message;
    private final MessageHandler onEcho;
    private long echoed = -1;

    /**
     * @param pings     the ping channel's publisher.
     * @param echoes    the reply channel's subscriber.
     * @param pong      the spawned pong, or null.
     * @param lossy     whether the transport may lose messages.
     * @param size      message size, 8 or more.
     * @param timeoutNs longest wait for one echo.
     */
    public RoundTrips(
        final Publisher pings, final Subscriber echoes, final PeerProcess pong, final boolean lossy, final int size,
        final long timeoutNs)
    {
        this.pings = pings;
        this.echoes = echoes;
        this.pong = pong;
        this.lossy = lossy;
        this.size = size;
        this.timeoutNs = timeoutNs;
        this.message = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        this.onEcho = (buffer, offset, length, header) -> echoed = buffer.getLong(offset);
        if (size > pings.maxMessageLength())
        {
            throw new RinglineException("--size " + size + " exceeds the largest message of channel=" +
                pings.channel() + ": " + pings.maxMessageLength());
        }
    }

    /**
     * Sends ping 0 every 200 ms until its echo comes back: the pong is subscribed and echoing. A ring publisher
     * counts any subscriber slot as a reader, even one a dead process left, so "connected" alone does not say that.
     */
    public void handshake()
    {
        exchange(0, true);
    }

    /**
     * Sends one ping and waits for its echo.
     *
     * @param sequence the ping's number, greater than every earlier one.
     */
    public void roundTrip(final long sequence)
    {
        exchange(sequence, lossy);
    }

    /**
     * Sends and waits with no clock read on the way while all goes well: the caller times the round trip, and what is
     * inside its window is what the benchmark harness's ping has inside its own. The clock is read once a wait comes
     * back empty, and the timeout runs from there.
     */
    private void exchange(final long sequence, final boolean resend)
    {
        message.putLong(0, sequence);
        offer();
        long firstEmptyNs = 0;
        while (echoed != sequence)
        {
            if (echoes.receive(onEcho, 1, RESEND_AFTER_NS) == 0)
            {
                PingSession.checkPeer(pong);
                final long nowNs = System.nanoTime();
                firstEmptyNs = 0 == firstEmptyNs ? nowNs : firstEmptyNs;
                if (nowNs - firstEmptyNs > timeoutNs)
                {
                    throw new RinglineException("no echo of ping " + sequence + " on channel=" + echoes.channel() +
                        " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + "ms" + (null == pong ?
                        ": is `ringline pong --channel " + pings.channel() + "` running?" : ""));
                }
                if (resend)
                {
                    offer(); // the ping or its echo was lost, or nobody echoed yet: send it again
                }
            }
            else if (echoed > sequence && !lossy)
            {
                throw new RinglineException("wrong echo on channel=" + echoes.channel() + ": expected=" + sequence +
                    " received=" + echoed + " (another ping on the same channels?)");
            }
        }
    }

    private void offer()
    {
        long result = pings.offer(message, 0, size);
        if (result >= 0)
        {
            return;
        }
        final long deadlineNs = System.nanoTime() + timeoutNs; // only once the first offer is refused
        while ((result = pings.offer(message, 0, size)) < 0)
        {
            if (result == Publisher.CLOSED || System.nanoTime() - deadlineNs > 0)
            {
                throw new RinglineException("channel=" + pings.channel() + " refused a ping: " +
                    Publisher.resultName(result));
            }
            Thread.onSpinWait();
        }
    }
}
