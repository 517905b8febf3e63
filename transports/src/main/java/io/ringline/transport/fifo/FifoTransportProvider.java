package io.ringline.transport.fifo;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.os.FileStatus;
import io.ringline.os.Native;
import io.ringline.os.Owner;
import io.ringline.spi.TransportProvider;
import io.ringline.transport.os.PipeCapacity;
import io.ringline.transport.stream.FdByteStream;
import io.ringline.transport.stream.Framing;
import io.ringline.transport.stream.StreamPublisher;
import io.ringline.transport.stream.StreamSubscriber;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Set;

/**
 * Named pipes: {@code fifo:/abs/path}. The FIFO is created with {@code mkfifo} (then {@code chmod}, so the umask
 * cannot change its mode) when missing and {@code create} is not false; it is removed only by
 * {@link Ringline#removeChannel(String)}, or by the process that created it when its URI says {@code unlink=true}.
 *
 * <p>A publisher opens the write end without blocking: while no reader has the FIFO open, {@code offer} returns
 * NOT_CONNECTED. A subscriber opens the read end without blocking and sees nothing until a writer connects; after the
 * last writer closes it reaches end of stream. Messages are framed ({@link Framing}); several publishers may share
 * a FIFO only with messages up to PIPE_BUF (4096 bytes) minus the frame header, which the kernel writes atomically.
 * The publisher grows the FIFO's buffer to hold two of its longest frames ({@link PipeCapacity}), so that a message
 * of {@code max-msg} bytes is not split across two writes while the reader keeps up.
 *
 * <p>Parameters: {@code max-msg} (default 65536), {@code framing} (ringline, raw, line), {@code create}, {@code unlink},
 * {@code perm} (octal, default 600), {@code pipe-size} (the FIFO's kernel buffer in bytes; default: two of the longest
 * frames, up to /proc/sys/fs/pipe-max-size).
 */
public final class FifoTransportProvider implements TransportProvider
{
    private static final int O_NOFOLLOW = Native.O_NOFOLLOW;
    private static final Set<String> PARAMS = Set.of("max-msg", "framing", "create", "unlink", "perm", "pipe-size",
        Owner.ANY_OWNER);

    @Override
    public Set<String> schemes()
    {
        return Set.of("fifo");
    }

    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        final Path path = path(uri);
        final boolean created = ensureFifo(uri, path);
        final String description = "fifo=" + path;
        final ChannelUri fifoUri = uri; // inside the subclass below, "uri" is the publisher's own field
        final StreamPublisher publisher = new StreamPublisher(uri.toString(), "fifo", () ->
        {
            final int fd = Native.libc().open(path.toString(), Native.O_WRONLY | Native.O_NONBLOCK | Native.O_CLOEXEC | O_NOFOLLOW, 0);
            if (fd < 0)
            {
                final int errno = Native.errno();
                if (errno == Native.ENXIO)
                {
                    return null; // no reader yet
                }
                throw new RinglineException("channel=" + uri + " " + description + " could not be opened for " +
                    "writing: " + Native.describe(errno));
            }
            checkOpened(uri, path, fd);
            PipeCapacity.ensure(fd, Framing.HEADER_LENGTH + Framing.maxMessageLength(uri) + 1, pipeSize(uri));
            return new FdByteStream(fd, description, true);
        }, Framing.from(uri), Framing.maxMessageLength(uri), ringline.conductor())
        {
            @Override
            public void close()
            {
                super.close();
                unlinkIfAsked(fifoUri, path, created);
            }
        };
        return publisher;
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        final Path path = path(uri);
        final boolean created = ensureFifo(uri, path);
        final int fd = Native.libc().open(path.toString(), Native.O_RDONLY | Native.O_NONBLOCK | Native.O_CLOEXEC | O_NOFOLLOW, 0);
        if (fd < 0)
        {
            throw new RinglineException("channel=" + uri + " fifo=" + path + " could not be opened for reading: " +
                Native.describe(Native.errno()));
        }
        checkOpened(uri, path, fd);
        final ChannelUri fifoUri = uri; // inside the subclass below, "uri" is the subscriber's own field
        return new StreamSubscriber(uri.toString(), new FdByteStream(fd, "fifo=" + path, false), Framing.from(uri),
            Framing.maxMessageLength(uri), new BackoffIdleStrategy())
        {
            @Override
            protected void onClose()
            {
                super.onClose();
                unlinkIfAsked(fifoUri, path, created);
            }
        };
    }

    @Override
    public boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        final Path path = path(uri);
        if (isFifo(path))
        {
            try
            {
                return Files.deleteIfExists(path);
            }
            catch (final IOException ex)
            {
                throw new RinglineException("channel=" + uri + " fifo=" + path + " could not be removed: " + ex, ex);
            }
        }
        return false;
    }

    /**
     * The FIFO this process opened must be a FIFO of its own user: read from the descriptor, not the path.
     */
    private static void checkOpened(final ChannelUri uri, final Path path, final int fd)
    {
        try
        {
            if (Owner.checkDescriptor(uri, "fifo=" + path, fd).type() != FileStatus.S_IFIFO)
            {
                throw new RinglineException("channel=" + uri + " path=" + path + " is not a FIFO");
            }
        }
        catch (final RuntimeException ex)
        {
            Native.libc().close(fd);
            throw ex;
        }
    }

    private static void unlinkIfAsked(final ChannelUri uri, final Path path, final boolean created)
    {
        if (created && uri.bool("unlink", false) && isFifo(path))
        {
            Native.libc().unlink(path.toString());
        }
    }

    static Path path(final ChannelUri uri)
    {
        uri.requireOnly(PARAMS);
        final String target = uri.target();
        final Path path = Path.of(target);
        if (!path.isAbsolute() || !path.normalize().equals(path) || target.endsWith("/"))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' fifo path '" + target +
                "' must be absolute and normalised, e.g. fifo:/tmp/orders.fifo");
        }
        return path;
    }

    private static int pipeSize(final ChannelUri uri)
    {
        return uri.size("pipe-size", 0, 4096, 1 << 30);
    }

    /**
     * @return true when this call created the FIFO.
     */
    private static boolean ensureFifo(final ChannelUri uri, final Path path)
    {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS))
        {
            if (!isFifo(path))
            {
                throw new RinglineException("channel=" + uri + " path=" + path + " exists and is not a FIFO");
            }
            Owner.checkAt(uri, "fifo=" + path, path.toString(), FileStatus.S_IFIFO);
            return false;
        }
        if (!uri.bool("create", true))
        {
            throw new RinglineException("channel=" + uri + " fifo=" + path + " does not exist (create=false)");
        }
        final int perm = uri.perm();
        if (Native.libc().mkfifo(path.toString(), perm) != 0)
        {
            final int errno = Native.errno();
            if (errno == Native.EEXIST && isFifo(path))
            {
                Owner.checkAt(uri, "fifo=" + path, path.toString(), FileStatus.S_IFIFO);
                return false;
            }
            throw new RinglineException("channel=" + uri + " fifo=" + path + " could not be created: " +
                Native.describe(errno));
        }
        if (Native.libc().chmod(path.toString(), perm) != 0)
        {
            throw new RinglineException("channel=" + uri + " fifo=" + path + " mode could not be set: " +
                Native.describe(Native.errno()));
        }
        return true;
    }

    private static boolean isFifo(final Path path)
    {
        try
        {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        }
        catch (final NoSuchFileException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            throw new RinglineException("path=" + path + " could not be inspected: " + ex.getMessage(), ex);
        }
    }
}
