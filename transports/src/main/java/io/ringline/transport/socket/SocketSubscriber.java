package io.ringline.transport.socket;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.spi.TransportSubscriber;
import io.ringline.transport.stream.Framing;
import io.ringline.transport.stream.StreamSubscriber;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A subscriber on a stream socket (Unix or TCP): it listens, and serves one publisher connection at a time, in the
 * order they connected, each read through a {@link StreamSubscriber} of its own (so a frame cut short by one
 * publisher can never run into the next one's bytes).
 *
 * <p><b>End of stream is per publisher.</b> When the publisher being served closes (or resets, or breaks the framing)
 * and everything it sent has been delivered, the {@code poll} or {@code receive} that finds the end returns 0 and
 * {@link #isEndOfStream()} is true; while no other publisher has connected, {@code receive} then returns 0 at once, as
 * on a pipe, so a loop {@code while (!isEndOfStream())} ends. The socket keeps listening: the next {@code poll} or
 * {@code receive} after the end accepts the next publisher, if one has connected, and {@link #isEndOfStream()} is
 * false again. A publisher that connects while another is served
 * waits in the kernel's accept queue ({@link #BACKLOG}): its {@code offer}s fill the socket buffers, then
 * back-pressure, until its turn. {@link #position()} and {@link Header#position()} run on across publishers.
 *
 * <p>{@code poll} allocates nothing; accepting a publisher allocates its socket and receive buffer.
 */
public final class SocketSubscriber extends TransportSubscriber
{
    /** Connections the kernel queues while one publisher is served. */
    public static final int BACKLOG = 16;

    private final String description;
    private final ServerSocketChannel server;
    private final SelectorWaiter acceptWaiter;
    private final Framing framing;
    private final int maxMessageLength;
    private final boolean tcp;
    private final Runnable afterClose;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy();
    private final PositionShift shift = new PositionShift();
    private volatile SocketByteStream stream;
    private volatile StreamSubscriber connection;
    private long basePosition;

    /**
     * @param uri              the channel URI.
     * @param description      for messages, e.g. {@code tcp=127.0.0.1:9000}.
     * @param server           bound, listening and non-blocking; closed with this subscriber.
     * @param framing          how messages are delimited.
     * @param maxMessageLength the longest message.
     * @param tcp              true to set TCP_NODELAY on accepted connections.
     * @param afterClose       runs once after close, e.g. to remove a socket file.
     */
    public SocketSubscriber(final String uri, final String description, final ServerSocketChannel server,
        final Framing framing, final int maxMessageLength, final boolean tcp, final Runnable afterClose)
    {
        super(uri);
        this.description = description;
        this.server = server;
        this.framing = framing;
        this.maxMessageLength = maxMessageLength;
        this.tcp = tcp;
        this.afterClose = afterClose;
        this.acceptWaiter = new SelectorWaiter(server, SelectionKey.OP_ACCEPT, description);
    }

    @Override
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        checkOpen();
        StreamSubscriber current = connection;
        if (null == current || stream.isEndOfStream())
        {
            if (!acceptNext())
            {
                return 0;
            }
            current = connection;
        }
        try
        {
            return current.poll(shift.of(handler, basePosition), messageLimit);
        }
        catch (final IllegalStateException ex)
        {
            stream.close(); // broken framing: drop this publisher, serve the next
            throw ex;
        }
    }

    /**
     * Waits in the connection being served (its own {@code receive}), or, with none, for the next publisher to
     * connect, then accepts it and polls.
     */
    @Override
    protected int await(final MessageHandler handler, final int messageLimit, final long deadlineNs)
    {
        final StreamSubscriber current = connection;
        if (null == current)
        {
            acceptWaiter.await(waitNs(deadlineNs));
            return closed ? 0 : poll(handler, messageLimit);
        }
        try
        {
            return current.receive(shift.of(handler, basePosition), messageLimit, deadlineNs - System.nanoTime());
        }
        catch (final IllegalStateException ex)
        {
            if (closed)
            {
                return 0;
            }
            stream.close();
            throw ex;
        }
    }

    private boolean acceptNext()
    {
        if (!acceptWaiter.await(0)) // ServerSocketChannel.accept allocates even when nobody is waiting
        {
            return false;
        }
        SocketChannel channel = null;
        try
        {
            channel = server.accept();
            if (null == channel)
            {
                return false;
            }
            channel.configureBlocking(false);
            if (tcp)
            {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            return false;
        }
        final StreamSubscriber previous = connection;
        if (null != previous)
        {
            basePosition += previous.position();
            previous.close();
        }
        final SocketByteStream accepted = new SocketByteStream(channel, description, 0);
        stream = accepted;
        connection = new StreamSubscriber(uri, accepted, framing, maxMessageLength, idleStrategy);
        if (closed)
        {
            accepted.close(); // closed by another thread meanwhile
        }
        return true;
    }

    /**
     * @return true when the publisher being served has closed and all it sent has been delivered (a frame it left
     * unfinished is dropped), until the next publisher is accepted.
     */
    @Override
    public boolean isEndOfStream()
    {
        final SocketByteStream current = stream;
        return null != current && current.isEndOfStream();
    }

    /**
     * @return true while a publisher is being served.
     */
    public boolean isConnected()
    {
        final SocketByteStream current = stream;
        return null != current && !current.isEndOfStream();
    }

    @Override
    public long position()
    {
        final StreamSubscriber current = connection;
        return basePosition + (null == current ? 0 : current.position());
    }

    @Override
    protected void onClose()
    {
        acceptWaiter.close();
        CloseHelper.quietClose(server);
        final StreamSubscriber current = connection;
        if (null != current)
        {
            current.close();
        }
        afterClose.run();
    }

    @Override
    public String toString()
    {
        return "SocketSubscriber{channel=" + uri + ", position=" + position() + ", stream=" + stream + "}";
    }

    /**
     * Hands messages on with their position counted from the first publisher, not the current connection.
     */
    private static final class PositionShift implements MessageHandler
    {
        private final Header header = new Header();
        private MessageHandler delegate;
        private long basePosition;

        MessageHandler of(final MessageHandler delegate, final long basePosition)
        {
            this.delegate = delegate;
            this.basePosition = basePosition;
            return this;
        }

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            this.header.set(header.type(), basePosition + header.position(), header.timestampNs(),
                header.publisherId());
            delegate.onMessage(buffer, offset, length, this.header);
        }
    }
}
