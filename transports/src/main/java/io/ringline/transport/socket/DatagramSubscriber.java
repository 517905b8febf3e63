package io.ringline.transport.socket;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.spi.TransportSubscriber;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static io.ringline.transport.socket.DatagramDescriptor.HEADER_LENGTH;

/**
 * A subscriber on a bound datagram socket: every datagram is one message, checked against
 * {@link DatagramDescriptor}, delivered in arrival order. Sequence gaps are counted per publisher session
 * ({@link #lostMessages()}); a datagram older than one already delivered (a duplicate, or one overtaken) is dropped,
 * so that delivery never goes back. Malformed datagrams, from whatever sent them, are dropped and counted
 * ({@link #malformedDatagrams()}). Nothing is logged; {@code poll} allocates nothing. A datagram channel never ends:
 * {@link #isEndOfStream()} stays false.
 *
 * <p>The counters are plain fields: read them from the polling thread.
 */
public final class DatagramSubscriber extends TransportSubscriber
{
    private final DatagramReceiver receiver;
    private final int maxMessageLength;
    private final ByteBuffer receiveBuffer;
    private final UnsafeBuffer receiveView;
    private final Header header = new Header();
    private final SessionSequences sequences = new SessionSequences();
    private long lostMessages;
    private long malformedDatagrams;

    /**
     * @param uri              the channel URI, for messages.
     * @param receiver         the bound socket; closed with this subscriber.
     * @param maxMessageLength the longest message.
     */
    public DatagramSubscriber(final String uri, final DatagramReceiver receiver, final int maxMessageLength)
    {
        super(uri);
        this.receiver = receiver;
        this.maxMessageLength = maxMessageLength;
        this.receiveBuffer = ByteBuffer.allocateDirect(HEADER_LENGTH + maxMessageLength + 1); // + 1 tells too long
        this.receiveView = new UnsafeBuffer(receiveBuffer);
    }

    /**
     * Delivers waiting messages, reading at most {@code messageLimit} datagrams.
     *
     * @param handler      called once per message.
     * @param messageLimit most datagrams to read in this call.
     * @return messages delivered.
     */
    @Override
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        checkOpen();
        int delivered = 0;
        for (int i = 0; i < messageLimit; i++)
        {
            receiveBuffer.clear();
            final int length = receiver.receive(receiveBuffer);
            if (length == DatagramReceiver.NO_DATAGRAM)
            {
                break;
            }
            final long sequence = receiveView.getLong(DatagramDescriptor.SEQUENCE_OFFSET);
            if (length <= HEADER_LENGTH || length > HEADER_LENGTH + maxMessageLength || sequence < 0 ||
                receiveView.getInt(DatagramDescriptor.MAGIC_OFFSET) != DatagramDescriptor.MAGIC)
            {
                malformedDatagrams++;
                continue;
            }
            final long skipped = sequences.onSequence(receiveView.getInt(DatagramDescriptor.SESSION_OFFSET), sequence);
            if (skipped == SessionSequences.LATE)
            {
                continue;
            }
            lostMessages += skipped;
            position += length;
            header.set(receiveView.getInt(DatagramDescriptor.TYPE_OFFSET), position, 0, -1);
            handler.onMessage(receiveView, HEADER_LENGTH, length - HEADER_LENGTH, header);
            delivered++;
        }
        return delivered;
    }

    @Override
    protected int await(final MessageHandler handler, final int messageLimit, final long deadlineNs)
    {
        receiver.awaitReadable(waitNs(deadlineNs));
        return closed ? 0 : poll(handler, messageLimit);
    }

    /**
     * @return messages known lost: sequence numbers skipped within each publisher session. Messages lost after the
     * last one received are counted only when a later one arrives.
     */
    public long lostMessages()
    {
        return lostMessages;
    }

    /**
     * @return datagrams dropped because they did not follow {@link DatagramDescriptor} or exceeded max-msg.
     */
    public long malformedDatagrams()
    {
        return malformedDatagrams;
    }

    @Override
    protected void onClose()
    {
        receiver.close();
    }

    @Override
    public String toString()
    {
        return "DatagramSubscriber{channel=" + uri + ", position=" + position + ", lostMessages=" + lostMessages +
            ", malformedDatagrams=" + malformedDatagrams + "}";
    }
}
