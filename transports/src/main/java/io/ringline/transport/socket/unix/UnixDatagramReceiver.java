package io.ringline.transport.socket.unix;

import io.ringline.os.Native;
import io.ringline.ChannelUri;
import io.ringline.RinglineException;
import io.ringline.os.PollFd;
import io.ringline.transport.socket.DatagramReceiver;
import org.agrona.BufferUtil;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The receiving side of {@code unixgram:}: a non-blocking Unix datagram socket bound to the channel's path (see
 * {@link UnixSocketFile} for the file's mode, a stale file and removal), read with {@code recv(2)} straight into a
 * direct buffer and waited on with {@code poll(2)}.
 */
public final class UnixDatagramReceiver implements DatagramReceiver
{
    private final int fd;
    private final UnixSocketFile file;
    private final PollFd readable;
    private volatile boolean closed;

    private UnixDatagramReceiver(final int fd, final UnixSocketFile file)
    {
        this.fd = fd;
        this.file = file;
        this.readable = new PollFd(fd);
    }

    /**
     * Creates the socket file and binds it.
     *
     * @param uri  channel URI, for messages.
     * @param path socket path.
     * @param perm mode of the socket file.
     * @return the receiver.
     * @throws RinglineException when the path is in use or is not a socket.
     */
    public static UnixDatagramReceiver bind(final ChannelUri uri, final Path path, final int perm)
    {
        final UnixSocketFile file = UnixSocketFile.claim(uri, path);
        final int fd = UnixSockets.datagramSocket("channel=" + uri);
        final int errno = UnixSockets.bind(fd, path);
        if (errno != 0)
        {
            Native.libc().close(fd);
            if (errno == UnixSockets.EADDRINUSE)
            {
                throw UnixSocketFile.addressInUse(uri, path, "could not be bound: " + Native.describe(errno));
            }
            throw new RinglineException("channel=" + uri + " path=" + path + " could not be bound: " +
                Native.describe(errno));
        }
        try
        {
            file.secure(perm);
        }
        catch (final RuntimeException ex)
        {
            Native.libc().close(fd);
            file.remove();
            throw ex;
        }
        return new UnixDatagramReceiver(fd, file);
    }

    @Override
    public int receive(final ByteBuffer destination)
    {
        final int position = destination.position();
        final long received = Native.libc().recv(fd, BufferUtil.address(destination) + position,
            destination.remaining(), UnixSockets.MSG_DONTWAIT);
        if (received < 0)
        {
            return NO_DATAGRAM; // EAGAIN; EINTR; EBADF after close
        }
        destination.position(position + (int)received);
        return (int)received;
    }

    @Override
    public boolean awaitReadable(final long timeoutNs)
    {
        if (closed)
        {
            return false;
        }
        return readable.awaitReadable(timeoutNs);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            Native.libc().close(fd);
            file.remove();
        }
    }
}
