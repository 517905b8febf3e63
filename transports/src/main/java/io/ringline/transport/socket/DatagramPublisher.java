package io.ringline.transport.socket;

import io.ringline.BufferClaim;
import io.ringline.spi.TransportPublisher;
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
public final class DatagramPublisher extends TransportPublisher
{
    private final DatagramSender sender;
    private final ByteBuffer sendBuffer;
    private final UnsafeBuffer sendView;
    private long sequence;

    /**
     * @param uri              the channel URI, for messages.
     * @param transport        {@code udp} or {@code unixgram}, for messages.
     * @param sender           the socket; closed with this publisher.
     * @param maxMessageLength the longest message.
     */
    public DatagramPublisher(final String uri, final String transport, final DatagramSender sender,
        final int maxMessageLength)
    {
        super(uri, maxMessageLength, "max-msg of " + transport);
        this.sender = sender;
        this.sendBuffer = ByteBuffer.allocateDirect(HEADER_LENGTH + maxMessageLength);
        this.sendView = new UnsafeBuffer(sendBuffer);
        sendView.putInt(DatagramDescriptor.MAGIC_OFFSET, DatagramDescriptor.MAGIC);
        sendView.putInt(DatagramDescriptor.SESSION_OFFSET, ThreadLocalRandom.current().nextInt());
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        checkOffer(buffer, offset, length);
        sendView.putBytes(HEADER_LENGTH, buffer, offset, length);
        return send(length, type);
    }

    @Override
    public long tryClaim(final int length, final int type, final BufferClaim claim)
    {
        checkClaim(length);
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

    /**
     * @return the sequence number the next message will carry: messages sent so far.
     */
    public long sequence()
    {
        return sequence;
    }

    @Override
    public boolean isConnected()
    {
        return !closed && sender.isConnected();
    }

    @Override
    protected void onClose()
    {
        sender.close();
    }

    @Override
    public String toString()
    {
        return "DatagramPublisher{channel=" + uri + ", sequence=" + sequence + ", position=" + position + "}";
    }
}
