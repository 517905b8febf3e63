package io.ringline.spi;

import io.ringline.ClaimCommitter;
import io.ringline.Publisher;
import org.agrona.DirectBuffer;

/**
 * What every transport's publisher shares, the ring's included: the checks of {@code offer} and {@code tryClaim}
 * arguments, with messages that name the channel and the limit, the closed state, the accessors, and an idempotent
 * {@link #close()} that releases the transport's resources once through {@link #onClose()}. Subclasses send.
 *
 * <p>Two limits: {@code tryClaim} takes up to {@link #maxPayloadLength()} bytes, {@code offer} up to
 * {@link #maxMessageLength()}. They differ only where the transport fragments (the ring); the kernel transports have
 * one limit, their max-msg.
 */
public abstract class TransportPublisher implements Publisher, ClaimCommitter
{
    /** The channel URI, for messages. */
    protected final String uri;
    /** The longest message {@code offer} takes. */
    protected final int maxMessageLength;
    /** The longest message {@code tryClaim} takes. */
    protected final int maxPayloadLength;
    /** The stream position (bytes) or message count, as the transport defines it. */
    protected long position;
    /** Set once by {@link #close()}. */
    protected volatile boolean closed;
    private final String messageLimit;
    private final String payloadLimit;

    /**
     * A publisher with one limit for {@code offer} and {@code tryClaim}.
     *
     * @param uri              the channel URI.
     * @param maxMessageLength the longest message.
     * @param limit            what the limit is, for messages, e.g. {@code max-msg of fifo}.
     */
    protected TransportPublisher(final String uri, final int maxMessageLength, final String limit)
    {
        this(uri, maxMessageLength, limit, maxMessageLength, limit);
    }

    /**
     * A publisher whose {@code offer} takes longer messages than {@code tryClaim}.
     *
     * @param uri              the channel URI.
     * @param maxPayloadLength the longest message {@code tryClaim} takes.
     * @param payloadLimit     what that limit is, for messages, e.g. {@code max-msg}.
     * @param maxMessageLength the longest message {@code offer} takes.
     * @param messageLimit     what that limit is, for messages, e.g. {@code max-fragmented}.
     */
    protected TransportPublisher(final String uri, final int maxPayloadLength, final String payloadLimit,
        final int maxMessageLength, final String messageLimit)
    {
        this.uri = uri;
        this.maxPayloadLength = maxPayloadLength;
        this.payloadLimit = payloadLimit;
        this.maxMessageLength = maxMessageLength;
        this.messageLimit = messageLimit;
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
        checkLength(length, maxMessageLength, messageLimit);
        if (offset < 0 || (long)offset + length > buffer.capacity())
        {
            throw new IllegalArgumentException("offset=" + offset + " length=" + length +
                " is outside the buffer of capacity=" + buffer.capacity() + ", channel=" + uri);
        }
    }

    /**
     * Checks {@code tryClaim}'s length.
     *
     * @param length of the message.
     * @throws IllegalStateException    after close.
     * @throws IllegalArgumentException naming the channel and the limit.
     */
    protected final void checkClaim(final int length)
    {
        checkOpen();
        checkLength(length, maxPayloadLength, payloadLimit);
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

    private void checkLength(final int length, final int max, final String limit)
    {
        if (length < 1 || length > max)
        {
            throw new IllegalArgumentException("length=" + length + " must be in [1, " + max + "] (" + limit +
                "), channel=" + uri);
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
        return maxPayloadLength;
    }

    @Override
    public final int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * @return {@link #position}; a transport that keeps its position elsewhere (the ring: the channel's tail)
     * overrides this.
     */
    @Override
    public long position()
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
