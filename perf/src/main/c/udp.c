/*
 * c-udp: blocking UDP over 127.0.0.1 (never any other address), one <size>-byte datagram each way. The pong binds
 * 127.0.0.1 port 0, so the kernel picks a free port, and hands the port to the ping through the file <path>, as
 * c-tcp does: "<port>\n" written to <path>.tmp and renamed. The ping binds 127.0.0.1 port 0 too, connects its socket
 * to the pong's port and sends; the pong peeks at the first datagram to learn the ping's address and connects back,
 * so from then on both sides read and write connected sockets, each read or write one whole datagram. Loopback does
 * not drop a datagram while only one is in flight each way; if one were lost anyway, the run ends at its timeout.
 * The pong removes the port file once the first datagram has arrived, or when it exits early: on an error, the
 * timeout, SIGTERM or the harness's death.
 */
#include "peer_common.h"

#include <arpa/inet.h>
#include <limits.h>
#include <netinet/in.h>
#include <sys/socket.h>

/* Datagrams of more than this many bytes do not fit in one IPv4 UDP packet. */
#define UDP_MAX_PAYLOAD 65507

static int bound_socket(const char *path)
{
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
    {
        peer_fail_errno("socket", path);
    }
    const struct sockaddr_in address = peer_loopback(0);
    if (bind(fd, (const struct sockaddr *)&address, sizeof(address)) != 0)
    {
        peer_fail_errno("bind 127.0.0.1:0", path);
    }
    return fd;
}

static int connect_to_first_sender(const char *path)
{
    const int fd = bound_socket(path);
    struct sockaddr_in address;
    socklen_t length = sizeof(address);
    if (getsockname(fd, (struct sockaddr *)&address, &length) != 0)
    {
        peer_fail_errno("getsockname", path);
    }
    peer_publish_port(path, ntohs(address.sin_port));

    char first;
    length = sizeof(address);
    while (recvfrom(fd, &first, sizeof(first), MSG_PEEK, (struct sockaddr *)&address, &length) < 0)
    {
        if (errno != EINTR)
        {
            peer_fail_errno("recvfrom", path);
        }
        length = sizeof(address);
    }
    if (address.sin_family != AF_INET || address.sin_addr.s_addr != htonl(INADDR_LOOPBACK))
    {
        peer_fail("first datagram not from 127.0.0.1: path=%s, family=%d", path, (int)address.sin_family);
    }
    if (connect(fd, (const struct sockaddr *)&address, length) != 0)
    {
        peer_fail_errno("connect to the ping", path);
    }
    peer_port_cleanup();
    return fd;
}

static int connect_to_port_in(const char *path)
{
    const uint16_t port = peer_await_port(path);
    const int fd = bound_socket(path);
    const struct sockaddr_in address = peer_loopback(port);
    if (connect(fd, (const struct sockaddr *)&address, sizeof(address)) != 0)
    {
        peer_fail("connect failed: address=127.0.0.1:%u, errno=%d (%s)", (unsigned int)port, errno, strerror(errno));
    }
    return fd;
}

int main(int argc, char **argv)
{
    peer_args args;
    peer_parse_args(argc, argv, &args);
    peer_install_cleanup("c-udp", peer_port_cleanup);

    if (args.size > UDP_MAX_PAYLOAD)
    {
        peer_fail("message larger than one UDP datagram: size=%zu, max=%d", args.size, UDP_MAX_PAYLOAD);
    }

    /* a connected datagram socket reads and writes whole datagrams, so the stream loop moves one each way */
    const int fd = args.is_ping ? connect_to_port_in(args.path) : connect_to_first_sender(args.path);
    peer_stream_loop(&args, fd, fd);
    close(fd);

    if (args.is_ping)
    {
        peer_write_rtts(&args);
    }
    return 0;
}
