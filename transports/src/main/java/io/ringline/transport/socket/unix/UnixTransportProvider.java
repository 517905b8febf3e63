package io.ringline.transport.socket.unix;

import io.ringline.os.Native;
import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.spi.TransportProvider;
import io.ringline.os.FileStatus;
import io.ringline.os.Owner;
import io.ringline.transport.socket.SocketConnector;
import io.ringline.transport.socket.SocketPublisher;
import io.ringline.transport.socket.SocketSubscriber;
import io.ringline.transport.stream.Framing;

import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.Set;

import org.agrona.CloseHelper;

/**
 * Unix stream sockets: {@code unix:/abs/path}. The subscriber creates the socket file ({@link UnixSocketFile}: mode
 * from {@code perm}, default 600, a stale file replaced, removed on close), listens and serves one publisher at a
 * time ({@link SocketSubscriber}); a publisher connects lazily ({@link SocketPublisher}): while nobody listens,
 * {@code offer} returns NOT_CONNECTED. Messages are framed ({@link Framing}).
 *
 * <p>Parameters: {@code max-msg} (default 65536), {@code framing} (ringline, raw, line), {@code perm} (octal, default
 * 600; the subscriber's).
 */
public final class UnixTransportProvider implements TransportProvider
{
    private static final Set<String> PARAMS = Set.of("max-msg", "framing", "perm", Owner.ANY_OWNER);

    @Override
    public Set<String> schemes()
    {
        return Set.of("unix");
    }

    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        final Path path = UnixSocketFile.path(uri);
        uri.perm();
        Owner.checkAt(uri, "socket=" + path, path.toString(), FileStatus.S_IFSOCK); // refused at once if there now
        final Framing framing = Framing.from(uri);
        final int maxMessageLength = Framing.maxMessageLength(uri);
        final SocketConnector connector = new SocketConnector("unix=" + path, new CheckedPeer(uri, path),
            StandardProtocolFamily.UNIX, false, SocketPublisher.maxFrameLength(maxMessageLength));
        return new SocketPublisher(uri.toString(), "unix", connector, framing, maxMessageLength, ringline.conductor());
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        final Path path = UnixSocketFile.path(uri);
        final int perm = uri.perm();
        final Framing framing = Framing.from(uri);
        final int maxMessageLength = Framing.maxMessageLength(uri);
        final UnixSocketFile file = UnixSocketFile.claim(uri, path);
        ServerSocketChannel server = null;
        try
        {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path), SocketSubscriber.BACKLOG);
        }
        catch (final BindException ex)
        {
            CloseHelper.quietClose(server);
            throw UnixSocketFile.addressInUse(uri, path, "could not be bound: " + ex.getMessage());
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(server);
            throw new RinglineException("channel=" + uri + " could not listen on path=" + path + ": " + ex, ex);
        }
        try
        {
            file.secure(perm);
            server.configureBlocking(false);
            return new SocketSubscriber(uri.toString(), "unix=" + path, server, framing, maxMessageLength, false,
                file::remove);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(server);
            file.remove();
            if (ex instanceof RuntimeException)
            {
                throw (RuntimeException)ex;
            }
            throw new RinglineException("channel=" + uri + " could not listen on path=" + path + ": " + ex, ex);
        }
    }

    @Override
    public boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        return UnixSocketFile.removeChannel(uri, UnixSocketFile.path(uri));
    }

    /**
     * The subscriber's socket file, checked at every connect and connected to through the checked descriptor.
     */
    private static final class CheckedPeer implements SocketConnector.Target
    {
        private final ChannelUri uri;
        private final Path path;
        private int peer = -1;

        CheckedPeer(final ChannelUri uri, final Path path)
        {
            this.uri = uri;
            this.path = path;
        }

        @Override
        public SocketAddress open()
        {
            peer = UnixSocketFile.openPeer(uri, path);
            return peer < 0 ? null : UnixDomainSocketAddress.of(UnixSocketFile.viaDescriptor(peer));
        }

        @Override
        public void release()
        {
            if (peer >= 0)
            {
                Native.libc().close(peer);
                peer = -1;
            }
        }
    }
}
