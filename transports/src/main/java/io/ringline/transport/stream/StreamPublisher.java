package io.ringline.transport.stream;

import io.ringline.BufferClaim;
import io.ringline.RinglineConductor;
import io.ringline.spi.TransportPublisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A publisher on a byte stream: frames each message ({@link Framing}) into a send buffer and writes it, never
 * blocking and never spinning on the reader.
 *
 * <ul>
 *   <li>Stream full before the first byte: {@link #BACK_PRESSURED}, nothing sent.</li>
 *   <li>The kernel takes part of a frame (a pipe or socket buffer fills mid-frame): the frame counts as sent, the rest
 *   stays in the send buffer as a pending tail, and every later {@code offer} or {@code tryClaim} first sends the tail
 *   and returns {@link #BACK_PRESSURED} until it is gone. The conductor also sends it every heartbeat, so the last
 *   frame of a burst does not wait for the next offer; {@link #close()} waits for it up to a second without
 *   progress. A frame is therefore never interleaved with another, and a stuck reader cannot hang {@code offer}.</li>
 *   <li>The peer gone (EPIPE, a reset): {@link #CLOSED}, then and from then on.</li>
 * </ul>
 *
 * <p>{@code tryClaim} hands out the send buffer; {@code commit} writes the frame the same way.
 */
public class StreamPublisher extends TransportPublisher implements RinglineConductor.Duty
{
    private static final long CLOSE_FLUSH_TIMEOUT_NS = 1_000_000_000L;

    private final Supplier<ByteStream> connector;
    private final Framing framing;
    private final ByteBuffer sendBuffer;
    private final UnsafeBuffer sendView;
    private final RinglineConductor conductor;
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile boolean tailPending;
    private ByteStream stream;
    private boolean peerClosed;

    /**
     * @param uri              the channel URI, for messages.
     * @param transport        the transport's name and limit, e.g. {@code fifo}, for messages.
     * @param connector        opens the stream; returns null while the peer is not there yet (NOT_CONNECTED).
     * @param framing          how messages are delimited.
     * @param maxMessageLength the longest message.
     * @param conductor        flushes a pending tail every heartbeat; null where there is none (then the tail goes
     *                         with the next offer or at close).
     */
    public StreamPublisher(final String uri, final String transport, final Supplier<ByteStream> connector,
        final Framing framing, final int maxMessageLength, final RinglineConductor conductor)
    {
        super(uri, maxMessageLength, "max-msg of " + transport);
        this.connector = connector;
        this.framing = framing;
        this.sendBuffer = ByteBuffer.allocateDirect(Framing.HEADER_LENGTH + maxMessageLength + 1);
        this.sendView = new UnsafeBuffer(sendBuffer);
        this.stream = connector.get();
        this.conductor = conductor;
        if (null != conductor)
        {
            conductor.add(this);
        }
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        checkOffer(buffer, offset, length);
        final long status = ready();
        if (status < 0)
        {
            return status;
        }
        sendView.putBytes(payloadOffset(), buffer, offset, length);
        return send(length, type);
    }

    @Override
    public long tryClaim(final int length, final int type, final BufferClaim claim)
    {
        checkClaim(length);
        final long status = ready();
        if (status < 0)
        {
            return status;
        }
        claim.wrap(sendView, payloadOffset(), length, type, 0, this);
        return position + frameLength(length);
    }

    /**
     * Sends the claimed frame. Nothing was pending when the claim was made, so the frame either goes (in whole or with
     * a pending tail) or, when the stream is full before its first byte, is retried: the caller asked for it to go.
     */
    @Override
    public void commit(final BufferClaim claim)
    {
        while (send(claim.length(), claim.type()) == BACK_PRESSURED)
        {
            Thread.onSpinWait();
        }
    }

    @Override
    public void abort(final BufferClaim claim)
    {
        // nothing was written
    }

    private long send(final int length, final int type)
    {
        final int frameLength = frameLength(length);
        if (framing == Framing.RINGLINE)
        {
            sendView.putInt(0, frameLength);
            sendView.putInt(4, type);
        }
        else if (framing == Framing.LINE)
        {
            sendView.putByte(length, (byte)'\n');
        }
        sendBuffer.clear().limit(frameLength);

        if (!sending.compareAndSet(false, true))
        {
            return BACK_PRESSURED; // the conductor is flushing a tail this very moment
        }
        try
        {
            final int written = stream.write(sendBuffer);
            if (written == ByteStream.PEER_CLOSED)
            {
                return peerGone();
            }
            if (written == 0)
            {
                return BACK_PRESSURED;
            }
            tailPending = sendBuffer.hasRemaining();
        }
        finally
        {
            sending.set(false);
        }
        position += frameLength;
        return position;
    }

    /**
     * Sends what is left of a frame the kernel took in part.
     *
     * @return true when nothing is pending any more.
     */
    private boolean flushTail()
    {
        if (!tailPending)
        {
            return true;
        }
        if (!sending.compareAndSet(false, true))
        {
            return false;
        }
        try
        {
            if (tailPending && null != stream && stream.write(sendBuffer) == ByteStream.PEER_CLOSED)
            {
                peerClosed = true;
                tailPending = false;
            }
            else
            {
                tailPending = sendBuffer.hasRemaining();
            }
            return !tailPending;
        }
        finally
        {
            sending.set(false);
        }
    }

    /**
     * Conductor duty: flushes a pending tail.
     */
    @Override
    public int doWork(final long nowNs)
    {
        return tailPending && !closed && flushTail() ? 1 : 0;
    }

    private long ready()
    {
        final long status = connected();
        if (status < 0)
        {
            return status;
        }
        if (!flushTail())
        {
            return peerClosed ? CLOSED : BACK_PRESSURED;
        }
        return peerClosed ? CLOSED : 0;
    }

    private long connected()
    {
        if (peerClosed)
        {
            return CLOSED;
        }
        if (null == stream)
        {
            stream = connector.get();
            if (null == stream)
            {
                return NOT_CONNECTED;
            }
        }
        return 0;
    }

    private long peerGone()
    {
        peerClosed = true;
        return CLOSED;
    }

    private int payloadOffset()
    {
        return framing == Framing.RINGLINE ? Framing.HEADER_LENGTH : 0;
    }

    private int frameLength(final int length)
    {
        return framing == Framing.RINGLINE ? Framing.HEADER_LENGTH + length :
            framing == Framing.LINE ? length + 1 : length;
    }

    @Override
    public boolean isConnected()
    {
        return !closed && !peerClosed && connected() == 0;
    }

    /**
     * Sends a pending tail (waiting up to a second without progress), then closes the stream.
     */
    @Override
    protected void onClose()
    {
        if (null != conductor)
        {
            conductor.remove(this);
        }
        long lastProgressNs = System.nanoTime();
        int remaining = sendBuffer.remaining();
        while (tailPending && !peerClosed && System.nanoTime() - lastProgressNs < CLOSE_FLUSH_TIMEOUT_NS)
        {
            flushTail();
            if (sendBuffer.remaining() != remaining)
            {
                remaining = sendBuffer.remaining();
                lastProgressNs = System.nanoTime();
            }
            Thread.yield();
        }
        if (null != stream)
        {
            stream.close();
        }
    }

    @Override
    public String toString()
    {
        return "StreamPublisher{channel=" + uri + ", position=" + position + ", peerClosed=" + peerClosed + "}";
    }
}
