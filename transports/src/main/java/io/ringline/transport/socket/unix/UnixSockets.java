package io.ringline.transport.socket.unix;

import io.ringline.os.Native;
import io.ringline.os.LibC;
import io.ringline.os.NativeBuffer;
import io.ringline.RinglineException;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Names the Linux constants passed to {@link LibC}'s socket calls (x86-64 and aarch64 agree on each), binds and
 * connects to a path through a {@code struct sockaddr_un} (family, then the NUL-terminated path) and tells whether a
 * socket file has a live socket behind it.
 */
public final class UnixSockets
{
    /** Address family: Unix. */
    public static final int AF_UNIX = 1;
    /** Socket type: datagram. */
    public static final int SOCK_DGRAM = 2;
    /** Socket type flag: non-blocking. */
    public static final int SOCK_NONBLOCK = 0x800;
    /** Socket type flag: close on exec. */
    public static final int SOCK_CLOEXEC = 0x80000;
    /** Option level: socket. */
    public static final int SOL_SOCKET = 1;
    /** Option: send buffer size. */
    public static final int SO_SNDBUF = 7;
    /** send/recv: do not block. */
    public static final int MSG_DONTWAIT = 0x40;
    /** send: no SIGPIPE. */
    public static final int MSG_NOSIGNAL = 0x4000;
    /** errno: the socket at the path is of another type (it is live). */
    public static final int EPROTOTYPE = 91;
    /** errno: address in use. */
    public static final int EADDRINUSE = 98;
    /** errno: no buffer space. */
    public static final int ENOBUFS = 105;
    /** errno: not connected. */
    public static final int ENOTCONN = 107;
    /** errno: nobody is bound to the socket file. */
    public static final int ECONNREFUSED = 111;
    /** The longest socket path in bytes: {@code sun_path} holds 108 with the terminating NUL. */
    public static final int MAX_PATH_BYTES = 107;
    /** A unix datagram may be at most SO_SNDBUF minus this (Linux {@code unix_dgram_sendmsg}). */
    public static final int SNDBUF_OVERHEAD = 32;

    private static final int SOCKADDR_UN_LENGTH = 2 + MAX_PATH_BYTES + 1;

    private UnixSockets()
    {
    }

    /**
     * {@code bind(2)} to a path.
     *
     * @param fd   a Unix socket.
     * @param path a socket path of at most {@link #MAX_PATH_BYTES} bytes.
     * @return 0, or the errno ({@link #EADDRINUSE}).
     */
    public static int bind(final int fd, final Path path)
    {
        final NativeBuffer address = new NativeBuffer(SOCKADDR_UN_LENGTH);
        final int result = Native.libc().bind(fd, address.address(), putAddress(address.buffer(), path));
        Reference.reachabilityFence(address);
        return result == 0 ? 0 : Native.errno();
    }

    /**
     * {@code connect(2)} to a path.
     *
     * @param fd   a Unix socket.
     * @param path a socket path of at most {@link #MAX_PATH_BYTES} bytes.
     * @return 0, or the errno ({@link #ECONNREFUSED}, {@link Native#ENOENT}, {@link #EPROTOTYPE}).
     */
    public static int connect(final int fd, final Path path)
    {
        final NativeBuffer address = new NativeBuffer(SOCKADDR_UN_LENGTH);
        final int result = Native.libc().connect(fd, address.address(), putAddress(address.buffer(), path));
        Reference.reachabilityFence(address);
        return result == 0 ? 0 : Native.errno();
    }

    private static int putAddress(final UnsafeBuffer address, final Path path)
    {
        final byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PATH_BYTES)
        {
            throw new IllegalArgumentException("path=" + path + " length=" + bytes.length + " exceeds the " +
                MAX_PATH_BYTES + " bytes of sun_path");
        }
        address.putShort(0, (short)AF_UNIX);
        address.putBytes(2, bytes);
        return 2 + bytes.length + 1;
    }

    /**
     * Opens a non-blocking, close-on-exec Unix datagram socket.
     *
     * @param description for messages.
     * @return the descriptor.
     */
    public static int datagramSocket(final String description)
    {
        final int fd = Native.libc().socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw new RinglineException(description + " could not open a unix datagram socket: " +
                Native.describe(Native.errno()));
        }
        return fd;
    }

    /**
     * Tells, without disturbing it, whether a socket is bound to a socket file: connects a datagram socket to it
     * (a connection to a stream socket is refused with EPROTOTYPE; nothing reaches the socket either way).
     *
     * @param path an existing socket file.
     * @return 0 when a datagram socket is bound, {@link #EPROTOTYPE} when a socket of another type is, else the
     * errno: {@link #ECONNREFUSED} for a stale file that nobody is bound to, {@link Native#ENOENT} when it is gone.
     */
    public static int probe(final Path path)
    {
        final int fd = datagramSocket("path=" + path);
        try
        {
            return connect(fd, path);
        }
        finally
        {
            Native.libc().close(fd);
        }
    }
}
