package io.ringline.transport.socket.unix;

import io.ringline.os.Native;
import io.ringline.ChannelUri;
import io.ringline.RinglineException;
import io.ringline.os.FileStatus;
import io.ringline.os.Owner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The socket file of a {@code unix:} or {@code unixgram:} subscriber. Before binding, {@link #claim} refuses a path
 * that exists and is not a socket, refuses a socket file that a live socket is bound to (address in use), and
 * removes a stale one left by a process that died. After binding, {@link #secure(int)} sets the mode given by
 * {@code perm} (default 600: owner only), whatever the umask. {@link #remove()} deletes the file when the subscriber
 * closes, unless it has since been replaced by another subscriber's.
 */
public final class UnixSocketFile
{

    private final ChannelUri uri;
    private final Path path;
    private Object fileKey;

    private UnixSocketFile(final ChannelUri uri, final Path path)
    {
        this.uri = uri;
        this.path = path;
    }

    /**
     * The socket path of a URI.
     *
     * @param uri {@code unix:/abs/path} or {@code unixgram:/abs/path}.
     * @return the path.
     * @throws IllegalArgumentException naming the URI when the path is not absolute and normalised, or is too long.
     */
    public static Path path(final ChannelUri uri)
    {
        final String target = uri.target();
        final Path path = Path.of(target);
        if (!path.isAbsolute() || !path.normalize().toString().equals(target))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' socket path '" + target +
                "' must be absolute and normalised, e.g. " + uri.scheme() + ":/tmp/orders.sock");
        }
        final int length = target.getBytes(StandardCharsets.UTF_8).length;
        if (length > UnixSockets.MAX_PATH_BYTES)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' socket path length=" + length +
                " exceeds the " + UnixSockets.MAX_PATH_BYTES + " bytes a Unix socket address holds");
        }
        return path;
    }

    /**
     * Makes the path free for a subscriber to bind.
     *
     * @param uri  channel URI, for messages.
     * @param path the socket path.
     * @return the file, to {@link #secure(int)} once bound.
     * @throws RinglineException when the path is not a socket, or a live socket is bound to it.
     */
    public static UnixSocketFile claim(final ChannelUri uri, final Path path)
    {
        final int mode = mode(path);
        if (mode >= 0)
        {
            if ((mode & FileStatus.S_IFMT) != FileStatus.S_IFSOCK)
            {
                throw new RinglineException("channel=" + uri + " path=" + path + " exists and is not a socket " +
                    "(mode=" + Integer.toOctalString(mode) + "): refusing to replace it");
            }
            final int probe = UnixSockets.probe(path);
            if (probe == UnixSockets.ECONNREFUSED)
            {
                delete(uri, path); // stale: nobody is bound to it
            }
            else if (probe != Native.ENOENT)
            {
                throw addressInUse(uri, path, probe == 0 || probe == UnixSockets.EPROTOTYPE ?
                    "a live socket is bound to it" : "it cannot be checked: " + Native.describe(probe));
            }
        }
        return new UnixSocketFile(uri, path);
    }

    /**
     * The failure of a second subscriber on a path.
     *
     * @param uri   channel URI.
     * @param path  socket path.
     * @param cause what was found.
     * @return the exception to throw.
     */
    public static RinglineException addressInUse(final ChannelUri uri, final Path path, final String cause)
    {
        return new RinglineException("channel=" + uri + " address in use: path=" + path + " " + cause);
    }

    /**
     * Sets the socket file's mode and remembers its identity; call right after bind.
     *
     * @param perm mode, e.g. 0600.
     */
    public void secure(final int perm)
    {
        fileKey = fileKey(path);
        if (Native.libc().chmod(path.toString(), perm) != 0)
        {
            throw new RinglineException("channel=" + uri + " path=" + path + " mode=" + Integer.toOctalString(perm) +
                " could not be set: " + Native.describe(Native.errno()));
        }
    }

    /**
     * Deletes the socket file if it is still the one this subscriber bound. Idempotent.
     */
    public void remove()
    {
        final Object key = fileKey;
        fileKey = null;
        if (null != key && key.equals(fileKey(path)))
        {
            try
            {
                Files.deleteIfExists(path);
            }
            catch (final IOException ignored)
            {
                // a directory that became read-only: nothing more to do
            }
        }
    }

    /**
     * Deletes the socket file of a URI, as {@code Ringline.removeChannel} does. A file that is not a socket stays.
     *
     * @param uri  channel URI.
     * @param path socket path.
     * @return true when a socket file was deleted.
     */
    public static boolean removeChannel(final ChannelUri uri, final Path path)
    {
        final int mode = mode(path);
        return mode >= 0 && (mode & FileStatus.S_IFMT) == FileStatus.S_IFSOCK && delete(uri, path);
    }

    private static boolean delete(final ChannelUri uri, final Path path)
    {
        try
        {
            return Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new RinglineException("channel=" + uri + " path=" + path + " could not be removed: " + ex, ex);
        }
    }

    /**
     * Names the subscriber's socket for a connect: an {@code O_PATH} descriptor of the file at the path, whose owner
     * and type are checked on the descriptor itself ({@link Owner#openChecked}). Connecting to
     * {@link #viaDescriptor(int)} then reaches that very socket, so a file swapped in after the check is never the one
     * connected to.
     *
     * @param uri  the publisher's URI, which may say {@code any-owner=true}.
     * @param path the subscriber's socket path.
     * @return the descriptor, to close once the connect call has returned, or -1 when no socket file is there.
     * @throws RinglineException when another user owns the file or it is not a socket.
     */
    public static int openPeer(final ChannelUri uri, final Path path)
    {
        return Owner.openChecked(uri, "socket=" + path, path.toString(), FileStatus.S_IFSOCK);
    }

    /**
     * @param peer a descriptor from {@link #openPeer}.
     * @return the path through which a connect reaches the socket file that descriptor names.
     */
    public static String viaDescriptor(final int peer)
    {
        return "/proc/self/fd/" + peer;
    }

    private static int mode(final Path path)
    {
        try
        {
            return (Integer)Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        }
        catch (final NoSuchFileException ex)
        {
            return -1;
        }
        catch (final IOException ex)
        {
            throw new RinglineException("path=" + path + " could not be inspected: " + ex, ex);
        }
    }

    private static Object fileKey(final Path path)
    {
        try
        {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }
}
