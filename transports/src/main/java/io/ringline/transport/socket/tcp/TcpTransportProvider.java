package io.ringline.transport.socket.tcp;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.spi.TransportProvider;
import io.ringline.transport.socket.InetTarget;
import io.ringline.transport.socket.SocketConnector;
import io.ringline.transport.socket.SocketPublisher;
import io.ringline.transport.socket.SocketSubscriber;
import io.ringline.transport.stream.Framing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Set;

import org.agrona.CloseHelper;

/**
 * TCP: {@code tcp://host:port}. The subscriber listens on the address and serves one publisher at a time
 * ({@link SocketSubscriber}); a publisher connects lazily ({@link SocketPublisher}): while nobody listens,
 * {@code offer} returns NOT_CONNECTED. Both ends set TCP_NODELAY. Messages are framed ({@link Framing}).
 *
 * <p>Parameters: {@code max-msg} (default 65536), {@code framing} (ringline, raw, line).
 */
public final class TcpTransportProvider implements TransportProvider
{
    private static final Set<String> PARAMS = Set.of("max-msg", "framing");

    @Override
    public Set<String> schemes()
    {
        return Set.of("tcp");
    }

    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        final InetSocketAddress address = InetTarget.parse(uri);
        final Framing framing = Framing.from(uri);
        final int maxMessageLength = Framing.maxMessageLength(uri);
        final SocketConnector connector = new SocketConnector(description(address), address,
            InetTarget.family(address), true, SocketPublisher.maxFrameLength(maxMessageLength));
        return new SocketPublisher(uri.toString(), "tcp", connector, framing, maxMessageLength, ringline.conductor());
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        final InetSocketAddress address = InetTarget.parse(uri);
        final Framing framing = Framing.from(uri);
        final int maxMessageLength = Framing.maxMessageLength(uri);
        ServerSocketChannel server = null;
        try
        {
            server = ServerSocketChannel.open(InetTarget.family(address));
            server.bind(address, SocketSubscriber.BACKLOG);
            server.configureBlocking(false);
            return new SocketSubscriber(uri.toString(), description(address), server, framing, maxMessageLength,
                true, () -> { });
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(server);
            if (ex instanceof RuntimeException)
            {
                throw (RuntimeException)ex;
            }
            throw new RinglineException("channel=" + uri + " could not listen on address=" + description(address) +
                ": " + ex, ex);
        }
    }

    /**
     * Nothing to remove: a TCP channel leaves no file.
     *
     * @return false.
     */
    @Override
    public boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        InetTarget.parse(uri);
        return false;
    }

    private static String description(final InetSocketAddress address)
    {
        return InetTarget.describe("tcp", address);
    }
}
