package io.ringline.transport;

import io.ringline.ClaimCommitter;
import io.ringline.Publisher;
import org.agrona.DirectBuffer;

/**
 * What every kernel transport's publisher shares: the checks of {@code offer} and {@code tryClaim} arguments, with
 * messages that name the channel and the transport's limit, the closed state, and the accessors. Subclasses send.
 */
public abstract class TransportPublisher implements Publisher, ClaimCommitter
{
    /** The channel URI, for messages. */
    protected final String uri;
    /** The longest message. */
    protected final int maxMessageLength;
    /** The stream position (bytes) or message count, as the transport defines it. */
    protected long position;
    /** Set once by {@link #close()}. */
    protected volatile boolean closed;
    private final String limit;

    /**
     * @param uri              the channel URI.
     * @param maxMessageLength the longest message.
     * @param limit            what the limit is, for messages, e.g. {@code max-msg of fifo}.
     */
    protected TransportPublisher(final String uri, final int maxMessageLength, final String limit)
    {
        this.uri = uri;
        this.maxMessageLength = maxMessageLength;
        this.limit = limit;
    }

    /**
     * Checks {@code offer}'s arguments.
     *
     * @param buffer holding the message.
     * @param offset of the first byte.
     * @param length of the message.
     * @throws IllegalStateException    after close.
     * @throws IllegalArgumentException naming the channel and what is wrong.
     */
    protected final void checkOffer(final DirectBuffer buffer, final int offset, final int length)
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
    }

    /**
     * Checks a message length against the transport's limit.
     *
     * @param length of the message.
     */
    protected final void checkLength(final int length)
    {
        if (length < 1 || length > maxMessageLength)
        {
            throw new IllegalArgumentException("length=" + length + " must be in [1, " + maxMessageLength +
                "] (" + limit + "), channel=" + uri);
        }
    }

    /**
     * @throws IllegalStateException after close.
     */
    protected final void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("publisher is closed, channel=" + uri);
        }
    }

    @Override
    public final String channel()
    {
        return uri;
    }

    @Override
    public final int maxPayloadLength()
    {
        return maxMessageLength;
    }

    @Override
    public final int maxMessageLength()
    {
        return maxMessageLength;
    }

    @Override
    public final long position()
    {
        return position;
    }

    @Override
    public final boolean isClosed()
    {
        return closed;
    }

    /**
     * Marks the publisher closed, then releases the transport's resources. Idempotent.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            onClose();
        }
    }

    /**
     * Releases the transport's resources, once.
     */
    protected abstract void onClose();
}
