package io.ringline.transport;

import io.ringline.Subscriber;

/**
 * What the kernel transports' subscribers share, as {@link TransportPublisher} does for publishers: the channel URI,
 * the position (messages or bytes received, as each transport defines it), the closed flag, and an idempotent
 * {@link #close()} that releases the transport's resource once through {@link #onClose()}.
 */
public abstract class TransportSubscriber implements Subscriber
{
    /** The channel URI, for {@link #channel()} and for messages. */
    protected final String uri;
    /** Advanced by the subclass as it delivers. */
    protected long position;
    /** Set once by {@link #close()}; a {@code receive} waiting on another thread watches it. */
    protected volatile boolean closed;

    /**
     * @param uri the channel URI.
     */
    protected TransportSubscriber(final String uri)
    {
        this.uri = uri;
    }

    /**
     * @throws IllegalStateException naming the channel when this subscriber is closed.
     */
    protected final void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("subscriber is closed, channel=" + uri);
        }
    }

    /**
     * Releases the transport's resource; called once, by the first {@link #close()}.
     */
    protected abstract void onClose();

    @Override
    public final long position()
    {
        return position;
    }

    @Override
    public final String channel()
    {
        return uri;
    }

    @Override
    public final boolean isClosed()
    {
        return closed;
    }

    /**
     * Stops the subscriber (a {@code receive} waiting on another thread returns) and releases its resource. Idempotent.
     */
    @Override
    public final void close()
    {
        if (!closed)
        {
            closed = true;
            onClose();
        }
    }
}
