package io.ringline.transport.socket.unix;

import io.ringline.os.Native;
import io.ringline.os.LibC;
import io.ringline.RinglineException;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Loads {@link LibC} once, names the Linux constants passed to it (x86-64 and aarch64 agree on each), builds
 * {@code struct sockaddr_un} and tells whether a socket file has a live socket behind it.
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
     * @param path a socket path of at most {@link #MAX_PATH_BYTES} bytes.
     * @return a {@code struct sockaddr_un} in native memory.
     */
    public static Pointer address(final Path path)
    {
        final byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PATH_BYTES)
        {
            throw new IllegalArgumentException("path=" + path + " length=" + bytes.length + " exceeds the " +
                MAX_PATH_BYTES + " bytes of sun_path");
        }
        final Pointer address = Memory.allocateDirect(Native.runtime(), SOCKADDR_UN_LENGTH, true);
        address.putShort(0, (short)AF_UNIX);
        address.put(2, bytes, 0, bytes.length);
        return address;
    }

    /**
     * @param path a socket path.
     * @return the length of its {@code struct sockaddr_un}: family, path and NUL.
     */
    public static int addressLength(final Path path)
    {
        return 2 + path.toString().getBytes(StandardCharsets.UTF_8).length + 1;
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
            return Native.libc().connect(fd, address(path), addressLength(path)) == 0 ? 0 : Native.errno();
        }
        finally
        {
            Native.libc().close(fd);
        }
    }
}
