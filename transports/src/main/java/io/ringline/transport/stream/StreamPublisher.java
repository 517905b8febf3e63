package io.ringline.transport.stream;

import io.ringline.BufferClaim;
import io.ringline.ClaimCommitter;
import io.ringline.Publisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A publisher on a byte stream: frames each message ({@link Framing}) into a send buffer and writes it. A frame is
 * never half-sent: when the stream is full before the first byte, {@code offer} returns {@link #BACK_PRESSURED};
 * once a frame has started it is finished (spinning on a full stream) or the peer is found gone, and then
 * {@code offer} returns {@link #CLOSED} from then on (EPIPE: never a crash, never a hang on a dead reader).
 *
 * <p>{@code tryClaim} hands out the send buffer; {@code commit} writes the frame the same way.
 */
public class StreamPublisher implements Publisher, ClaimCommitter
{
    private final String uri;
    private final String transport;
    private final Supplier<ByteStream> connector;
    private final Framing framing;
    private final int maxMessageLength;
    private final ByteBuffer sendBuffer;
    private final UnsafeBuffer sendView;
    private ByteStream stream;
    private long position;
    private boolean peerClosed;
    private volatile boolean closed;

    /**
     * @param uri              the channel URI, for messages.
     * @param transport        the transport's name and limit, e.g. {@code fifo}, for messages.
     * @param connector        opens the stream; returns null while the peer is not there yet (NOT_CONNECTED).
     * @param framing          how messages are delimited.
     * @param maxMessageLength the longest message.
     */
    public StreamPublisher(final String uri, final String transport, final Supplier<ByteStream> connector,
        final Framing framing, final int maxMessageLength)
    {
        this.uri = uri;
        this.transport = transport;
        this.connector = connector;
        this.framing = framing;
        this.maxMessageLength = maxMessageLength;
        this.sendBuffer = ByteBuffer.allocateDirect(Framing.HEADER_LENGTH + maxMessageLength + 1);
        this.sendView = new UnsafeBuffer(sendBuffer);
        this.stream = connector.get();
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        checkOpen();
        if (null == buffer)
        {
            throw new IllegalArgumentException("buffer is null, channel=" + uri);
        }
        checkLength(length);
        if (offset < 0 || (long)offset + length > buffer.capacity())
        {
            throw new IllegalArgumentException("offset=" + offset + " length=" + length +
                " is outside the buffer of capacity=" + buffer.capacity() + ", channel=" + uri);
        }
        final long status = connected();
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
        checkOpen();
        checkLength(length);
        final long status = connected();
        if (status < 0)
        {
            return status;
        }
        claim.wrap(sendView, payloadOffset(), length, type, 0, this);
        return position + frameLength(length);
    }

    @Override
    public void commit(final BufferClaim claim)
    {
        long result;
        while ((result = send(claim.length(), claim.type())) == BACK_PRESSURED)
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

        int written = stream.write(sendBuffer);
        if (written == ByteStream.PEER_CLOSED)
        {
            return peerGone();
        }
        if (written == 0)
        {
            return BACK_PRESSURED;
        }
        while (sendBuffer.hasRemaining())
        {
            written = stream.write(sendBuffer);
            if (written == ByteStream.PEER_CLOSED)
            {
                return peerGone();
            }
            if (written == 0)
            {
                Thread.onSpinWait();
            }
        }
        position += frameLength;
        return position;
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

    private void checkLength(final int length)
    {
        if (length < 1 || length > maxMessageLength)
        {
            throw new IllegalArgumentException("length=" + length + " must be in [1, " + maxMessageLength +
                "] (max-msg of " + transport + "), channel=" + uri);
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("publisher is closed, channel=" + uri);
        }
    }

    @Override
    public String channel()
    {
        return uri;
    }

    @Override
    public int maxPayloadLength()
    {
        return maxMessageLength;
    }

    @Override
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    @Override
    public boolean isConnected()
    {
        return !closed && !peerClosed && connected() == 0;
    }

    @Override
    public long position()
    {
        return position;
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            if (null != stream)
            {
                stream.close();
            }
        }
    }

    @Override
    public String toString()
    {
        return "StreamPublisher{channel=" + uri + ", position=" + position + ", peerClosed=" + peerClosed + "}";
    }
}
