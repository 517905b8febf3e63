package io.ringline.perf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JDK stream sockets measured by {@link SocketRoundTripPeer} and {@link SocketThroughputPeer}: blocking
 * {@link SocketChannel}s, so both sides sleep in the kernel between messages. The harness listens (see
 * {@link SocketListener}) and the child connects to the address the harness passes as a string.
 */
public enum SocketTransport
{
    /**
     * {@code AF_UNIX} stream socket, a socket file in the run directory ({@link UnixDomainSocketAddress}, JDK 16+).
     * The address is the file's path.
     */
    UNIX("jdk-unix-socket")
    {
        ServerSocketChannel bind(final Path directory) throws IOException
        {
            final ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(directory.resolve(SOCKET_FILE_NAME)));

            return server;
        }

        String address(final ServerSocketChannel server) throws IOException
        {
            return ((UnixDomainSocketAddress)server.getLocalAddress()).getPath().toString();
        }

        SocketChannel connect(final String address) throws IOException
        {
            return SocketChannel.open(UnixDomainSocketAddress.of(address));
        }

        void configure(final SocketChannel channel)
        {
        }

        void unbind(final String address) throws IOException
        {
            Files.deleteIfExists(Path.of(address));
        }
    },

    /**
     * TCP over the loopback interface, {@code 127.0.0.1} on an ephemeral port, {@code TCP_NODELAY} on both ends. The
     * address is the port.
     */
    TCP("jdk-tcp")
    {
        ServerSocketChannel bind(final Path directory) throws IOException
        {
            final ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(loopback(), 0));

            return server;
        }

        String address(final ServerSocketChannel server) throws IOException
        {
            return Integer.toString(((InetSocketAddress)server.getLocalAddress()).getPort());
        }

        SocketChannel connect(final String address) throws IOException
        {
            final SocketChannel channel = SocketChannel.open(new InetSocketAddress(loopback(), Integer.parseInt(address)));
            configure(channel);

            return channel;
        }

        void configure(final SocketChannel channel) throws IOException
        {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }

        void unbind(final String address)
        {
        }
    };

    private static final String SOCKET_FILE_NAME = "peer.sock";
    private static final byte[] LOOPBACK_IPV4 = { 127, 0, 0, 1 };

    private final String peerName;

    SocketTransport(final String peerName)
    {
        this.peerName = peerName;
    }

    /**
     * @return the peer's name in the report.
     */
    public String peerName()
    {
        return peerName;
    }

    /**
     * @param directory of the run, for a socket file.
     * @return a new blocking server socket, bound.
     * @throws IOException if it cannot be bound.
     */
    abstract ServerSocketChannel bind(Path directory) throws IOException;

    /**
     * @param server bound by {@link #bind(Path)}.
     * @return the address a child passes to {@link #connect(String)}.
     * @throws IOException if the server is closed.
     */
    abstract String address(ServerSocketChannel server) throws IOException;

    /**
     * Child side: connects, in blocking mode, configured like the harness's end.
     *
     * @param address from {@link #address(ServerSocketChannel)}.
     * @return the connection.
     * @throws IOException if it cannot connect.
     */
    abstract SocketChannel connect(String address) throws IOException;

    /**
     * Sets the transport's options on an accepted connection.
     *
     * @param channel just accepted.
     * @throws IOException if an option cannot be set.
     */
    abstract void configure(SocketChannel channel) throws IOException;

    /**
     * Removes what binding left behind once the server is closed (the socket file of {@link #UNIX}).
     *
     * @param address from {@link #address(ServerSocketChannel)}.
     * @throws IOException if it cannot be removed.
     */
    abstract void unbind(String address) throws IOException;

    private static InetAddress loopback() throws IOException
    {
        return InetAddress.getByAddress(LOOPBACK_IPV4);
    }
}
