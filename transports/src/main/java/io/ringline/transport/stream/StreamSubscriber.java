package io.ringline.transport.stream;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.spi.TransportSubscriber;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A subscriber on a byte stream: reads what is there into a receive buffer and delivers every complete frame; a
 * partial frame waits for the rest. Lengths read off the stream are untrusted: a frame length outside
 * {@code [8, 8 + max-msg]}, or a line longer than max-msg, is an {@link IllegalStateException} naming the channel,
 * never a read outside the buffer; the subscriber stays stuck on it. When the peer closes, the subscriber delivers
 * what is left and reaches end of stream: {@code poll} and {@code receive} return 0 from then on. Left at the end:
 * with line framing a last line without its newline is delivered; a Ringline frame cut short is discarded with an
 * {@link IllegalStateException}. Raw framing reads at most max-msg bytes into one message.
 */
public class StreamSubscriber extends TransportSubscriber
{
    private final ByteStream stream;
    private final Framing framing;
    private final int maxMessageLength;
    private final ByteBuffer receiveBuffer;
    private final UnsafeBuffer receiveView;
    private final IdleStrategy idleStrategy;
    private final Header header = new Header();
    private int filled;
    private boolean endOfStream;

    /**
     * @param uri              the channel URI, for messages.
     * @param stream           the open stream.
     * @param framing          how messages are delimited.
     * @param maxMessageLength the longest message.
     * @param idleStrategy     used by {@code receive} between empty polls when the stream cannot be waited on.
     */
    public StreamSubscriber(final String uri, final ByteStream stream, final Framing framing,
        final int maxMessageLength, final IdleStrategy idleStrategy)
    {
        super(uri);
        this.stream = stream;
        this.framing = framing;
        this.maxMessageLength = maxMessageLength;
        this.receiveBuffer = ByteBuffer.allocateDirect(Math.max(2 * (Framing.HEADER_LENGTH + maxMessageLength), 65536));
        this.receiveView = new UnsafeBuffer(receiveBuffer);
        this.idleStrategy = idleStrategy;
    }

    @Override
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        checkOpen();
        int delivered = deliver(handler, messageLimit);
        if (delivered < messageLimit && endOfStream && filled > 0)
        {
            delivered += deliverLast(handler); // every whole frame is out: what is left is cut short
        }
        else if (delivered < messageLimit && !endOfStream)
        {
            // Raw framing makes a message of each read: never more than max-msg bytes.
            receiveBuffer.limit(framing == Framing.RAW ? maxMessageLength : receiveBuffer.capacity()).position(filled);
            final int read = stream.read(receiveBuffer);
            if (read == ByteStream.END_OF_STREAM)
            {
                endOfStream = true;
            }
            else if (read > 0)
            {
                filled += read;
                delivered += framing == Framing.RAW ? deliverRaw(handler) : deliver(handler, messageLimit - delivered);
            }
        }
        return delivered;
    }

    // At end of stream: a line framing's last line may lack its newline; a Ringline frame cut short is an error.
    private int deliverLast(final MessageHandler handler)
    {
        final int length = filled;
        filled = 0;
        if (framing == Framing.LINE)
        {
            deliverFrame(handler, 0, length, 0, length);
            return 1;
        }
        throw new IllegalStateException("stream ended inside a frame on channel=" + uri + ": " + length +
            " bytes discarded at position=" + position + (length < Framing.HEADER_LENGTH ? "" :
            " (frameLength=" + receiveView.getInt(0) + ")"));
    }

    private int deliverRaw(final MessageHandler handler)
    {
        final int length = filled;
        filled = 0;
        position += length;
        header.set(0, position, 0, -1);
        handler.onMessage(receiveView, 0, length, header);
        return 1;
    }

    private int deliver(final MessageHandler handler, final int messageLimit)
    {
        if (framing == Framing.RAW)
        {
            return 0;
        }
        int consumed = 0;
        int delivered = 0;
        try
        {
            while (delivered < messageLimit)
            {
                final int available = filled - consumed;
                if (framing == Framing.LINE)
                {
                    final int end = indexOfNewline(consumed, filled);
                    if ((end < 0 ? available : end - consumed) > maxMessageLength)
                    {
                        throw new IllegalStateException("line longer than max-msg=" + maxMessageLength +
                            " on channel=" + uri + " at position=" + position);
                    }
                    if (end < 0)
                    {
                        break;
                    }
                    consumed = deliverFrame(handler, consumed, end - consumed, 0, end + 1);
                }
                else
                {
                    if (available < Framing.HEADER_LENGTH)
                    {
                        break;
                    }
                    final int frameLength = receiveView.getInt(consumed);
                    if (frameLength < Framing.HEADER_LENGTH || frameLength > Framing.HEADER_LENGTH + maxMessageLength)
                    {
                        throw new IllegalStateException("corrupt framing on channel=" + uri + ": frameLength=" +
                            frameLength + " at position=" + (position + Framing.HEADER_LENGTH) +
                            " (max-msg=" + maxMessageLength + "); is the peer speaking Ringline framing?");
                    }
                    if (available < frameLength)
                    {
                        break;
                    }
                    consumed = deliverFrame(handler, consumed + Framing.HEADER_LENGTH,
                        frameLength - Framing.HEADER_LENGTH, receiveView.getInt(consumed + 4), consumed + frameLength);
                }
                delivered++;
            }
        }
        finally
        {
            compact(consumed);
        }
        return delivered;
    }

    private int deliverFrame(final MessageHandler handler, final int offset, final int length, final int type,
        final int next)
    {
        position += next - (offset - (framing == Framing.RINGLINE ? Framing.HEADER_LENGTH : 0));
        header.set(type, position, 0, -1);
        handler.onMessage(receiveView, offset, length, header);
        return next;
    }

    private int indexOfNewline(final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (receiveView.getByte(i) == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    private void compact(final int consumed)
    {
        if (consumed > 0)
        {
            final int remaining = filled - consumed;
            if (remaining > 0)
            {
                receiveView.putBytes(0, receiveView, consumed, remaining);
            }
            filled = remaining;
        }
    }

    /**
     * Delivers what is already buffered: {@code receive} waits first, then reads, so that a message costs one
     * {@code poll(2)} and one {@code read(2)}, not a read that finds nothing, a poll and a second read.
     */
    @Override
    protected int pollBeforeWaiting(final MessageHandler handler, final int messageLimit)
    {
        return endOfStream ? poll(handler, messageLimit) : deliver(handler, messageLimit);
    }

    @Override
    protected int await(final MessageHandler handler, final int messageLimit, final long deadlineNs)
    {
        if (!stream.awaitReadable(waitNs(deadlineNs)) || closed)
        {
            return 0;
        }
        final int received = poll(handler, messageLimit);
        if (0 == received)
        {
            idleStrategy.idle(); // readable but no whole frame yet, or a FIFO with no writer so far
        }
        return received;
    }

    @Override
    public boolean isEndOfStream()
    {
        return endOfStream && filled == 0;
    }

    @Override
    protected void onClose()
    {
        stream.close();
    }
}
