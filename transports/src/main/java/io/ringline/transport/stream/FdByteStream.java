package io.ringline.transport.stream;

import io.ringline.os.Native;
import io.ringline.RinglineException;
import io.ringline.os.PollFd;
import org.agrona.BufferUtil;

import java.nio.ByteBuffer;

/**
 * A {@link ByteStream} over a file descriptor (a pipe end or a FIFO), set non-blocking, read and written with
 * {@code read(2)} / {@code write(2)} straight from direct buffers, and waited on with {@code poll(2)}.
 */
public final class FdByteStream implements ByteStream
{
    private final int fd;
    private final String description;
    private final boolean endOfFileMeansClosed;
    private final PollFd readable;
    private boolean writerSeen;
    private boolean closed;

    /**
     * @param fd                   an open descriptor; made non-blocking here.
     * @param description          for messages, e.g. {@code fifo=/tmp/x}.
     * @param endOfFileMeansClosed true for a pipe (EOF is final); false for a FIFO read end, where EOF before any
     *                             writer has connected means "no writer yet".
     */
    public FdByteStream(final int fd, final String description, final boolean endOfFileMeansClosed)
    {
        this.fd = fd;
        this.description = description;
        this.endOfFileMeansClosed = endOfFileMeansClosed;
        this.readable = new PollFd(fd);
        final int flags = Native.libc().fcntl(fd, Native.F_GETFL, 0);
        if (flags < 0 || Native.libc().fcntl(fd, Native.F_SETFL, flags | Native.O_NONBLOCK) < 0)
        {
            throw new RinglineException(description + " fd=" + fd + " could not be made non-blocking: " +
                Native.describe(Native.errno()));
        }
    }

    /**
     * @return the file descriptor.
     */
    public int fd()
    {
        return fd;
    }

    @Override
    public int read(final ByteBuffer destination)
    {
        final long result = Native.libc().read(fd, BufferUtil.address(destination) + destination.position(),
            destination.remaining());
        if (result > 0)
        {
            writerSeen = true;
            destination.position(destination.position() + (int)result);
            return (int)result;
        }
        if (result == 0)
        {
            return endOfFileMeansClosed || writerSeen ? END_OF_STREAM : 0;
        }
        final int errno = Native.errno();
        if (errno == Native.EAGAIN || errno == Native.EINTR)
        {
            writerSeen = true; // EAGAIN on a FIFO means a writer is connected
            return 0;
        }
        throw new RinglineException(description + " read failed: " + Native.describe(errno));
    }

    @Override
    public int write(final ByteBuffer source)
    {
        final long result = Native.libc().write(fd, BufferUtil.address(source) + source.position(), source.remaining());
        if (result >= 0)
        {
            source.position(source.position() + (int)result);
            return (int)result;
        }
        final int errno = Native.errno();
        if (errno == Native.EAGAIN || errno == Native.EINTR)
        {
            return 0;
        }
        if (errno == Native.EPIPE)
        {
            return PEER_CLOSED;
        }
        throw new RinglineException(description + " write failed: " + Native.describe(errno));
    }

    @Override
    public boolean awaitReadable(final long timeoutNs)
    {
        return readable.awaitReadable(timeoutNs);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            Native.libc().close(fd);
        }
    }
}
