package io.ringline.transport.socket;

import io.ringline.BufferClaim;
import io.ringline.ClaimCommitter;
import io.ringline.Publisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

import static io.ringline.transport.socket.DatagramDescriptor.HEADER_LENGTH;

/**
 * A publisher on a datagram socket: one datagram per message, behind the header of {@link DatagramDescriptor}
 * (a random session per publisher and a sequence that grows by one per message sent). {@code offer} returns
 * BACK_PRESSURED when the socket cannot take the datagram now and NOT_CONNECTED when nobody receives at the address;
 * neither consumes a sequence number. The position counts the bytes of the datagrams sent, headers included.
 *
 * <p>{@code tryClaim} hands out the send buffer; {@code commit} sends it, spinning while the socket is full. A commit
 * that finds no receiver drops the message.
 */
public final class DatagramPublisher implements Publisher, ClaimCommitter
{
    private final String uri;
    private final String transport;
    private final DatagramSender sender;
    private final int maxMessageLength;
    private final ByteBuffer sendBuffer;
    private final UnsafeBuffer sendView;
    private long sequence;
    private long position;
    private volatile boolean closed;

    /**
     * @param uri              the channel URI, for messages.
     * @param transport        {@code udp} or {@code unixgram}, for messages.
     * @param sender           the socket; closed with this publisher.
     * @param maxMessageLength the longest message.
     */
    public DatagramPublisher(final String uri, final String transport, final DatagramSender sender,
        final int maxMessageLength)
    {
        this.uri = uri;
        this.transport = transport;
        this.sender = sender;
        this.maxMessageLength = maxMessageLength;
        this.sendBuffer = ByteBuffer.allocateDirect(HEADER_LENGTH + maxMessageLength);
        this.sendView = new UnsafeBuffer(sendBuffer);
        sendView.putInt(DatagramDescriptor.MAGIC_OFFSET, DatagramDescriptor.MAGIC);
        sendView.putInt(DatagramDescriptor.SESSION_OFFSET, ThreadLocalRandom.current().nextInt());
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
        sendView.putBytes(HEADER_LENGTH, buffer, offset, length);
        return send(length, type);
    }

    @Override
    public long tryClaim(final int length, final int type, final BufferClaim claim)
    {
        checkOpen();
        checkLength(length);
        if (!sender.isConnected())
        {
            return NOT_CONNECTED;
        }
        claim.wrap(sendView, HEADER_LENGTH, length, type, 0, this);
        return position + HEADER_LENGTH + length;
    }

    @Override
    public void commit(final BufferClaim claim)
    {
        while (send(claim.length(), claim.type()) == BACK_PRESSURED && !closed)
        {
            Thread.onSpinWait();
        }
    }

    @Override
    public void abort(final BufferClaim claim)
    {
        // nothing was sent
    }

    private long send(final int length, final int type)
    {
        final int datagramLength = HEADER_LENGTH + length;
        sendView.putLong(DatagramDescriptor.SEQUENCE_OFFSET, sequence);
        sendView.putInt(DatagramDescriptor.TYPE_OFFSET, type);
        sendBuffer.clear().limit(datagramLength);
        final int result = sender.send(sendBuffer);
        if (result > 0)
        {
            sequence++;
            position += datagramLength;
            return position;
        }
        return result == DatagramSender.WOULD_BLOCK ? BACK_PRESSURED : NOT_CONNECTED;
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

    /**
     * @return the sequence number the next message will carry: messages sent so far.
     */
    public long sequence()
    {
        return sequence;
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
        return !closed && sender.isConnected();
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
            sender.close();
        }
    }

    @Override
    public String toString()
    {
        return "DatagramPublisher{channel=" + uri + ", sequence=" + sequence + ", position=" + position + "}";
    }
}
