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

static void set_no_delay(const int fd, const char *path)
{
    const int on = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) != 0)
    {
        peer_fail_errno("setsockopt(TCP_NODELAY)", path);
    }
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

static int accept_one(const char *path)
{
    const int server = socket(AF_INET, SOCK_STREAM, 0);
    if (server < 0)
    {
        peer_fail_errno("socket", path);
    }
    struct sockaddr_in address = loopback(0);
    socklen_t length = sizeof(address);
    if (bind(server, (const struct sockaddr *)&address, sizeof(address)) != 0 || listen(server, 1) != 0 ||
        getsockname(server, (struct sockaddr *)&address, &length) != 0)
    {
        peer_fail_errno("bind 127.0.0.1:0", path);
    }
    publish_port(path, ntohs(address.sin_port));

    int connection;
    while ((connection = accept(server, NULL, NULL)) < 0 && errno == EINTR)
    {
    }
    if (connection < 0)
    {
        peer_fail_errno("accept", path);
    }
    close(server);
    cleanup();
    return connection;
}

static int connect_to_port_in(const char *path)
{
    const uint16_t port = await_port(path);
    const struct sockaddr_in address = loopback(port);
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
    peer_install_cleanup("c-tcp", cleanup);

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
