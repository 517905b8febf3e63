/*
 * c-unixgram: blocking AF_UNIX SOCK_DGRAM sockets, one <size>-byte datagram each way. Each side binds a socket file in
 * the run directory, <path>.ping and <path>.pong. The ping connects its socket to <path>.pong, retrying every
 * millisecond until the pong has bound it, and sends; the pong peeks at the first datagram to learn the ping's file
 * and connects back, so from then on both sides read and write connected sockets, each read or write one whole
 * datagram. A connected socket needs the peer's file no more: the pong removes its file on the first datagram, the
 * ping its own at the end. Either side also removes its file when it exits early: on an error, the timeout, SIGTERM
 * or the harness's death.
 */
#include "peer_common.h"

#include <limits.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static char own_path[PATH_MAX];

static void cleanup(void)
{
    if (own_path[0] != '\0')
    {
        unlink(own_path);
    }
}

static struct sockaddr_un address_of(const char *path)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof(address));
    address.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(address.sun_path))
    {
        peer_fail("socket path too long: path=%s, max=%zu", path, sizeof(address.sun_path) - 1);
    }
    strcpy(address.sun_path, path);
    return address;
}

static int bound_socket(const char *path)
{
    const struct sockaddr_un address = address_of(path);
    const int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    if (fd < 0)
    {
        peer_fail_errno("socket", path);
    }
    if (bind(fd, (const struct sockaddr *)&address, sizeof(address)) != 0)
    {
        peer_fail_errno("bind", path);
    }
    snprintf(own_path, sizeof(own_path), "%s", path);
    return fd;
}

static int connect_when_bound(const char *own, const char *pong)
{
    const int fd = bound_socket(own);
    const struct sockaddr_un address = address_of(pong);
    const struct timespec pause = { 0, 1000000 };
    while (connect(fd, (const struct sockaddr *)&address, sizeof(address)) != 0)
    {
        if (errno != ENOENT && errno != ECONNREFUSED && errno != EINTR)
        {
            peer_fail_errno("connect", pong);
        }
        nanosleep(&pause, NULL);
    }
    return fd;
}

static int connect_to_first_sender(const char *own)
{
    const int fd = bound_socket(own);
    struct sockaddr_un address;
    socklen_t length = sizeof(address);
    char first;
    while (recvfrom(fd, &first, sizeof(first), MSG_PEEK, (struct sockaddr *)&address, &length) < 0)
    {
        if (errno != EINTR)
        {
            peer_fail_errno("recvfrom", own);
        }
        length = sizeof(address);
    }
    if (length <= offsetof(struct sockaddr_un, sun_path) || address.sun_path[0] == '\0')
    {
        peer_fail("first datagram from an unbound socket: path=%s", own);
    }
    if (connect(fd, (const struct sockaddr *)&address, length) != 0)
    {
        peer_fail_errno("connect to the ping", own);
    }
    cleanup();
    return fd;
}

int main(int argc, char **argv)
{
    peer_args args;
    peer_parse_args(argc, argv, &args);
    peer_install_cleanup("c-unixgram", cleanup);

    char ping_path[PATH_MAX];
    char pong_path[PATH_MAX];
    if (snprintf(ping_path, sizeof(ping_path), "%s.ping", args.path) >= (int)sizeof(ping_path) ||
        snprintf(pong_path, sizeof(pong_path), "%s.pong", args.path) >= (int)sizeof(pong_path))
    {
        peer_fail("path too long: path=%s", args.path);
    }

    /* a connected datagram socket reads and writes whole datagrams, so the stream loop moves one each way */
    int fd;
    if (args.is_ping)
    {
        fd = connect_when_bound(ping_path, pong_path);
    }
    else
    {
        fd = connect_to_first_sender(pong_path);
    }
    peer_stream_loop(&args, fd, fd);
    close(fd);

    if (args.is_ping)
    {
        cleanup();
        peer_write_rtts(&args);
    }
    return 0;
}
