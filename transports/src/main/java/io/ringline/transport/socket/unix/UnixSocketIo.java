package io.ringline.transport.socket.unix;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc socket calls of Unix datagram sockets, which {@code java.nio} does not offer (a JDK
 * {@code DatagramChannel} takes no Unix-domain address, up to JDK 25 at least). Calls save {@code errno}; read it
 * with {@link UnixSockets#errno()}.
 */
public interface UnixSocketIo
{
    /**
     * {@code socket(2)}.
     *
     * @param domain   AF_UNIX.
     * @param type     SOCK_DGRAM, with SOCK_NONBLOCK and SOCK_CLOEXEC.
     * @param protocol 0.
     * @return a descriptor, or -1 with errno.
     */
    @SaveError
    int socket(int domain, int type, int protocol);

    /**
     * {@code bind(2)}.
     *
     * @param fd      socket.
     * @param address a {@code struct sockaddr_un}.
     * @param length  its length.
     * @return 0, or -1 with errno (EADDRINUSE).
     */
    @SaveError
    int bind(int fd, Pointer address, int length);

    /**
     * {@code connect(2)}.
     *
     * @param fd      socket.
     * @param address a {@code struct sockaddr_un}.
     * @param length  its length.
     * @return 0, or -1 with errno (ENOENT, ECONNREFUSED, EPROTOTYPE).
     */
    @SaveError
    int connect(int fd, Pointer address, int length);

    /**
     * {@code send(2)} on a connected socket.
     *
     * @param fd      socket.
     * @param address first byte.
     * @param length  bytes.
     * @param flags   MSG_DONTWAIT, MSG_NOSIGNAL.
     * @return bytes sent, or -1 with errno (EAGAIN, ECONNREFUSED, ENOTCONN).
     */
    @SaveError
    @ssize_t long send(int fd, long address, @size_t long length, int flags);

    /**
     * {@code recv(2)}.
     *
     * @param fd      socket.
     * @param address destination.
     * @param length  room.
     * @param flags   MSG_DONTWAIT.
     * @return bytes received, or -1 with errno (EAGAIN).
     */
    @SaveError
    @ssize_t long recv(int fd, long address, @size_t long length, int flags);

    /**
     * {@code setsockopt(2)}.
     *
     * @param fd     socket.
     * @param level  SOL_SOCKET.
     * @param name   e.g. SO_SNDBUF.
     * @param value  the value.
     * @param length its length.
     * @return 0, or -1 with errno.
     */
    @SaveError
    int setsockopt(int fd, int level, int name, Pointer value, int length);

    /**
     * {@code getsockopt(2)}.
     *
     * @param fd     socket.
     * @param level  SOL_SOCKET.
     * @param name   e.g. SO_SNDBUF.
     * @param value  receives the value.
     * @param length in: room; out: length.
     * @return 0, or -1 with errno.
     */
    @SaveError
    int getsockopt(int fd, int level, int name, Pointer value, Pointer length);
}
