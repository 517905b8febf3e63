package io.ringline.transport.socket;

import io.ringline.RinglineException;
import io.ringline.RinglineConductor;
import io.ringline.transport.stream.ByteStream;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.function.Supplier;

import org.agrona.CloseHelper;

/**
 * Connects a publisher to a listening socket without blocking, for {@link SocketPublisher}: each {@link #get()}
 * starts a connect or checks the one in progress, and returns the stream once connected or null meanwhile (the
 * publisher then answers NOT_CONNECTED). A refused or failed connect is dropped and the next call starts another,
 * so a publisher opened before its subscriber connects once the subscriber listens.
 *
 * <p>TCP sockets get TCP_NODELAY, and a connection to itself (possible when nobody listens on a port of the
 * ephemeral range: the kernel may pick that same port as the source) is dropped.
 *
 * <p>As a conductor duty it sends the tail of a frame the socket took only in part (see {@link SocketByteStream}).
 */
public final class SocketConnector implements Supplier<ByteStream>, RinglineConductor.Duty, AutoCloseable
{
    private final String description;
    private final Target target;
    private final ProtocolFamily family;
    private final boolean tcp;
    private final int maxFrameLength;
    private SocketChannel connecting;
    private volatile SocketByteStream stream;
    private volatile String refusal;

    /**
     * Where a connect goes, resolved at each attempt, so that what is there can be checked first (a Unix socket
     * file's owner) and connected to through what was checked.
     */
    public interface Target
    {
        /**
         * @return the address to connect to now, or null when there is nothing to connect to yet.
         * @throws io.ringline.RinglineException when what is there must not be connected to.
         */
        SocketAddress open();

        /**
         * Releases what {@link #open()} held, once the connect call has returned.
         */
        void release();
    }

    /**
     * @param description    for messages, e.g. {@code tcp=127.0.0.1:9000}.
     * @param address        where the subscriber listens.
     * @param family         INET, INET6 or UNIX.
     * @param tcp            true to set TCP_NODELAY and refuse a connection to itself.
     * @param maxFrameLength the longest frame the publisher writes.
     */
    public SocketConnector(final String description, final SocketAddress address, final ProtocolFamily family,
        final boolean tcp, final int maxFrameLength)
    {
        this(description, new Target()
        {
            @Override
            public SocketAddress open()
            {
                return address;
            }

            @Override
            public void release()
            {
            }
        }, family, tcp, maxFrameLength);
    }

    /**
     * @param description    for messages, e.g. {@code unix=/run/app/orders.sock}.
     * @param target         where the subscriber listens, resolved at each connect.
     * @param family         INET, INET6 or UNIX.
     * @param tcp            true to set TCP_NODELAY and refuse a connection to itself.
     * @param maxFrameLength the longest frame the publisher writes.
     */
    public SocketConnector(final String description, final Target target, final ProtocolFamily family,
        final boolean tcp, final int maxFrameLength)
    {
        this.description = description;
        this.target = target;
        this.family = family;
        this.tcp = tcp;
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Starts or finishes the connect.
     *
     * @return the connected stream, or null while not (yet) connected.
     */
    @Override
    public ByteStream get()
    {
        try
        {
            if (null == connecting)
            {
                final SocketAddress address;
                try
                {
                    address = target.open();
                }
                catch (final RinglineException ex)
                {
                    refusal = ex.getMessage(); // fail closed: not connected, and why
                    return null;
                }
                if (null == address)
                {
                    return null;
                }
                try
                {
                    connecting = SocketChannel.open(family);
                    connecting.configureBlocking(false);
                    if (tcp)
                    {
                        connecting.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    }
                    if (!connecting.connect(address))
                    {
                        return null;
                    }
                }
                finally
                {
                    target.release();
                }
            }
            else if (!connecting.finishConnect())
            {
                return null;
            }
            final SocketChannel channel = connecting;
            connecting = null;
            if (tcp && channel.getLocalAddress().equals(channel.getRemoteAddress()))
            {
                channel.close();
                return null;
            }
            final SocketByteStream connected = new SocketByteStream(channel, description, maxFrameLength);
            stream = connected;
            return connected;
        }
        catch (final IOException ex)
        {
            abandonConnect(); // refused, no such socket file, backlog full: try again on the next call
            return null;
        }
    }

    /**
     * Sends a pending frame tail; a conductor duty.
     *
     * @param nowNs unused.
     * @return 1 when bytes were sent, else 0.
     */
    @Override
    public int doWork(final long nowNs)
    {
        final SocketByteStream current = stream;
        return null == current ? 0 : current.flushTail();
    }

    /**
     * @return why the target was last refused (another user's socket file), or null.
     */
    public String refusal()
    {
        return refusal;
    }

    /**
     * Drops a connect in progress. The connected stream is closed by its publisher.
     */
    @Override
    public void close()
    {
        abandonConnect();
    }

    private void abandonConnect()
    {
        final SocketChannel channel = connecting;
        connecting = null;
        CloseHelper.quietClose(channel);
    }

    @Override
    public String toString()
    {
        return "SocketConnector{" + description + ", connecting=" + (null != connecting) + ", stream=" + stream +
            (null == refusal ? "" : ", refusal=" + refusal) + "}";
    }
}
