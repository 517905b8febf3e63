package io.ringline.transport.socket.unix;

import io.ringline.os.Native;
import io.ringline.ChannelUri;
import io.ringline.RinglineException;
import io.ringline.transport.socket.DatagramDescriptor;
import io.ringline.os.NativeBuffer;
import io.ringline.transport.socket.DatagramSender;
import org.agrona.BufferUtil;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The sending side of {@code unixgram:}: a non-blocking Unix datagram socket, connected to the subscriber's path
 * lazily and again after the subscriber went away (a new subscriber on the same path is found). On Linux a Unix
 * datagram is never dropped: a full receiver queue ({@code net.unix.max_dgram_qlen}) or send buffer is EAGAIN,
 * {@link #WOULD_BLOCK}.
 *
 * <p>The kernel refuses a datagram over SO_SNDBUF - 32 bytes (EMSGSIZE); the socket's send buffer is raised, up to
 * {@code net.core.wmem_max}, for the longest datagram of max-msg, or opening fails naming the limit.
 */
public final class UnixDatagramSender implements DatagramSender
{
    private final int fd;
    private final ChannelUri uri;
    private final Path path;
    private String refusal;
    private boolean connected;
    private boolean closed;

    private UnixDatagramSender(final int fd, final ChannelUri uri, final Path path)
    {
        this.fd = fd;
        this.uri = uri;
        this.path = path;
    }

    /**
     * Opens the socket and tries a first connect.
     *
     * @param uri              channel URI, for messages.
     * @param path             the subscriber's socket path.
     * @param maxMessageLength the longest message.
     * @return the sender.
     * @throws IllegalArgumentException when the kernel cannot send a datagram of max-msg.
     */
    public static UnixDatagramSender open(final ChannelUri uri, final Path path, final int maxMessageLength)
    {
        final int fd = UnixSockets.datagramSocket("channel=" + uri);
        try
        {
            ensureSendBuffer(uri, fd, DatagramDescriptor.HEADER_LENGTH + maxMessageLength);
            final UnixDatagramSender sender = new UnixDatagramSender(fd, uri, path);
            sender.connected = sender.connectChecked(); // a socket file another user owns is refused here
            return sender;
        }
        catch (final RuntimeException ex)
        {
            Native.libc().close(fd);
            throw ex;
        }
    }

    /**
     * The largest datagram a socket may send with its current send buffer.
     *
     * @param fd a Unix datagram socket.
     * @return SO_SNDBUF - 32.
     */
    static int maxDatagramLength(final int fd)
    {
        final NativeBuffer value = new NativeBuffer(2 * Integer.BYTES); // int value, then socklen_t length
        value.buffer().putInt(Integer.BYTES, Integer.BYTES);
        if (Native.libc().getsockopt(fd, UnixSockets.SOL_SOCKET, UnixSockets.SO_SNDBUF, value.address(),
            value.address() + Integer.BYTES) != 0)
        {
            throw new RinglineException("getsockopt(SO_SNDBUF) failed: " + Native.describe(Native.errno()));
        }
        return value.buffer().getInt(0) - UnixSockets.SNDBUF_OVERHEAD;
    }

    private static void ensureSendBuffer(final ChannelUri uri, final int fd, final int datagramLength)
    {
        if (maxDatagramLength(fd) >= datagramLength)
        {
            return;
        }
        final NativeBuffer value = new NativeBuffer(Integer.BYTES);
        value.buffer().putInt(0, (datagramLength + UnixSockets.SNDBUF_OVERHEAD + 1) / 2); // the kernel doubles it
        Native.libc().setsockopt(fd, UnixSockets.SOL_SOCKET, UnixSockets.SO_SNDBUF, value.address(), Integer.BYTES);
        Reference.reachabilityFence(value);
        final int limit = maxDatagramLength(fd);
        if (limit < datagramLength)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' max-msg=" +
                (datagramLength - DatagramDescriptor.HEADER_LENGTH) + " exceeds the longest unixgram message the " +
                "kernel allows, limit=" + (limit - DatagramDescriptor.HEADER_LENGTH) +
                " (SO_SNDBUF - 32 - header; raise net.core.wmem_max)");
        }
    }

    @Override
    public int send(final ByteBuffer datagram)
    {
        if (!connected && !isConnected())
        {
            return NO_RECEIVER;
        }
        final int position = datagram.position();
        final long sent = Native.libc().send(fd, BufferUtil.address(datagram) + position, datagram.remaining(),
            UnixSockets.MSG_DONTWAIT | UnixSockets.MSG_NOSIGNAL);
        if (sent >= 0)
        {
            datagram.position(position + (int)sent);
            return (int)sent;
        }
        final int errno = Native.errno();
        if (errno == Native.EAGAIN || errno == UnixSockets.ENOBUFS || errno == Native.EINTR)
        {
            return WOULD_BLOCK;
        }
        connected = false; // ECONNREFUSED, ENOTCONN: the subscriber went away; connect again next time
        return NO_RECEIVER;
    }

    /**
     * Connects when not connected: no socket file, or nobody bound to it (ECONNREFUSED), mean no receiver; so does a
     * socket file that another user owns, which is never connected to ({@link #refusal()} says why).
     *
     * @return true when connected to a bound socket.
     */
    @Override
    public boolean isConnected()
    {
        if (!connected && !closed)
        {
            try
            {
                connected = connectChecked();
            }
            catch (final RinglineException ex)
            {
                refusal = ex.getMessage();
            }
        }
        return connected;
    }

    /**
     * @return why the socket file at the path was last refused, or null.
     */
    public String refusal()
    {
        return refusal;
    }

    /**
     * Connects through a descriptor of the socket file whose owner was checked (not through the path, which may name
     * another file by the time of the connect). Runs only while not connected, never per message once connected.
     */
    private boolean connectChecked()
    {
        final int peer = UnixSocketFile.openPeer(uri, path);
        if (peer < 0)
        {
            return false;
        }
        try
        {
            return UnixSockets.connect(fd, Path.of(UnixSocketFile.viaDescriptor(peer))) == 0;
        }
        finally
        {
            Native.libc().close(peer);
        }
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            connected = false;
            Native.libc().close(fd);
        }
    }
}
