/*
 * c-unix-socket: a blocking AF_UNIX SOCK_STREAM connection, <size>-byte messages each way. The pong binds <path>,
 * accepts one connection and removes the socket file; the ping connects, retrying every millisecond until the pong
 * is listening.
 */
#include "peer_common.h"

#include <sys/socket.h>
#include <sys/un.h>

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

static int accept_one(const char *path)
{
    const struct sockaddr_un address = address_of(path);
    const int server = socket(AF_UNIX, SOCK_STREAM, 0);
    if (server < 0)
    {
        peer_fail_errno("socket", path);
    }
    if (bind(server, (const struct sockaddr *)&address, sizeof(address)) != 0 || listen(server, 1) != 0)
    {
        peer_fail_errno("bind", path);
    }
    int connection;
    while ((connection = accept(server, NULL, NULL)) < 0 && errno == EINTR)
    {
    }
    if (connection < 0)
    {
        peer_fail_errno("accept", path);
    }
    close(server);
    unlink(path);
    return connection;
}

static int connect_when_ready(const char *path)
{
    const struct sockaddr_un address = address_of(path);
    const struct timespec pause = { 0, 1000000 };
    for (;;)
    {
        const int connection = socket(AF_UNIX, SOCK_STREAM, 0);
        if (connection < 0)
        {
            peer_fail_errno("socket", path);
        }
        if (connect(connection, (const struct sockaddr *)&address, sizeof(address)) == 0)
        {
            return connection;
        }
        if (errno != ENOENT && errno != ECONNREFUSED && errno != EINTR)
        {
            peer_fail_errno("connect", path);
        }
        close(connection);
        nanosleep(&pause, NULL);
    }
}

int main(int argc, char **argv)
{
    peer_args args;
    peer_parse_args(argc, argv, &args);

    const int connection = args.is_ping ? connect_when_ready(args.path) : accept_one(args.path);
    peer_stream_loop(&args, connection, connection);
    close(connection);

    if (args.is_ping)
    {
        peer_write_rtts(&args);
    }
    return 0;
}
