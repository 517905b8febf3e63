package io.ringline.transport.socket.unix;

import io.ringline.os.Native;
import io.ringline.ChannelUri;
import io.ringline.RinglineException;
import io.ringline.transport.socket.DatagramReceiver;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
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
    private final Pointer pollfd = Memory.allocateDirect(Native.runtime(), 8, true);
    private volatile boolean closed;

    private UnixDatagramReceiver(final int fd, final UnixSocketFile file)
    {
        this.fd = fd;
        this.file = file;
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
        if (Native.libc().bind(fd, UnixSockets.address(path), UnixSockets.addressLength(path)) != 0)
        {
            final int errno = Native.errno();
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
        pollfd.putInt(0, fd);
        pollfd.putShort(4, Native.POLLIN);
        pollfd.putShort(6, (short)0);
        final long timeoutMs = Math.min(Integer.MAX_VALUE, Math.max(0, timeoutNs / 1_000_000 +
            (timeoutNs % 1_000_000 == 0 ? 0 : 1)));
        return Native.libc().poll(pollfd, 1, (int)timeoutMs) > 0;
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
