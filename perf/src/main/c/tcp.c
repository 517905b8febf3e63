/*
 * c-tcp: a blocking TCP connection over 127.0.0.1 (never any other address), TCP_NODELAY on both ends, <size>-byte
 * messages each way, read fully. The pong listens on 127.0.0.1 port 0, so the kernel picks a free port, and hands the
 * port to the ping through the file <path>: it writes "<port>\n" to <path>.tmp and renames it, so the ping never reads
 * half a number. The ping waits for the file, retrying every millisecond, and connects. The pong removes the file
 * once it has accepted the connection, or when it exits early: on an error, the timeout, SIGTERM or the harness's
 * death.
 */
#include "peer_common.h"

#include <arpa/inet.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static void set_no_delay(const int fd, const char *path)
{
    const int on = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) != 0)
    {
        peer_fail_errno("setsockopt(TCP_NODELAY)", path);
    }
}

static int accept_one(const char *path)
{
    const int server = socket(AF_INET, SOCK_STREAM, 0);
    if (server < 0)
    {
        peer_fail_errno("socket", path);
    }
    struct sockaddr_in address = peer_loopback(0);
    socklen_t length = sizeof(address);
    if (bind(server, (const struct sockaddr *)&address, sizeof(address)) != 0 || listen(server, 1) != 0 ||
        getsockname(server, (struct sockaddr *)&address, &length) != 0)
    {
        peer_fail_errno("bind 127.0.0.1:0", path);
    }
    peer_publish_port(path, ntohs(address.sin_port));

    int connection;
    while ((connection = accept(server, NULL, NULL)) < 0 && errno == EINTR)
    {
    }
    if (connection < 0)
    {
        peer_fail_errno("accept", path);
    }
    close(server);
    peer_port_cleanup();
    return connection;
}

static int connect_to_port_in(const char *path)
{
    const uint16_t port = peer_await_port(path);
    const struct sockaddr_in address = peer_loopback(port);
    const int connection = socket(AF_INET, SOCK_STREAM, 0);
    if (connection < 0)
    {
        peer_fail_errno("socket", path);
    }
    if (connect(connection, (const struct sockaddr *)&address, sizeof(address)) != 0)
    {
        peer_fail("connect failed: address=127.0.0.1:%u, errno=%d (%s)", (unsigned int)port, errno, strerror(errno));
    }
    return connection;
}

int main(int argc, char **argv)
{
    peer_args args;
    peer_parse_args(argc, argv, &args);
    peer_install_cleanup("c-tcp", peer_port_cleanup);

    const int connection = args.is_ping ? connect_to_port_in(args.path) : accept_one(args.path);
    set_no_delay(connection, args.path);
    peer_stream_loop(&args, connection, connection);
    close(connection);

    if (args.is_ping)
    {
        peer_write_rtts(&args);
    }
    return 0;
}
