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

static char port_path[PATH_MAX];
static char port_temp_path[PATH_MAX];

static void cleanup(void)
{
    if (port_path[0] != '\0')
    {
        unlink(port_temp_path);
        unlink(port_path);
    }
}

static struct sockaddr_in loopback(const uint16_t port)
{
    struct sockaddr_in address;
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    return address;
}

static void publish_port(const char *path, const uint16_t port)
{
    snprintf(port_path, sizeof(port_path), "%s", path);
    if (snprintf(port_temp_path, sizeof(port_temp_path), "%s.tmp", path) >= (int)sizeof(port_temp_path))
    {
        peer_fail("path too long: path=%s", path);
    }
    FILE *file = fopen(port_temp_path, "w");
    if (file == NULL)
    {
        peer_fail_errno("fopen", port_temp_path);
    }
    if (fprintf(file, "%u\n", (unsigned int)port) < 0 || fclose(file) != 0)
    {
        peer_fail_errno("write port", port_temp_path);
    }
    if (rename(port_temp_path, port_path) != 0)
    {
        peer_fail_errno("rename", port_path);
    }
}

static uint16_t await_port(const char *path)
{
    const struct timespec pause = { 0, 1000000 };
    FILE *file;
    while ((file = fopen(path, "r")) == NULL)
    {
        if (errno != ENOENT && errno != EINTR)
        {
            peer_fail_errno("fopen", path);
        }
        nanosleep(&pause, NULL);
    }
    unsigned int port = 0;
    const int found = fscanf(file, "%u", &port);
    fclose(file);
    if (found != 1 || port == 0 || port > 65535)
    {
        peer_fail("bad port file: path=%s, port=%u", path, port);
    }
    return (uint16_t)port;
}

/* Datagrams of more than this many bytes do not fit in one IPv4 UDP packet. */
#define UDP_MAX_PAYLOAD 65507

static int bound_socket(const char *path)
{
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
    {
        peer_fail_errno("socket", path);
    }
    const struct sockaddr_in address = loopback(0);
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
    publish_port(path, ntohs(address.sin_port));

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
    cleanup();
    return fd;
}

static int connect_to_port_in(const char *path)
{
    const uint16_t port = await_port(path);
    const int fd = bound_socket(path);
    const struct sockaddr_in address = loopback(port);
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
    peer_install_cleanup("c-udp", cleanup);

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
