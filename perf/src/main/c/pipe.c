/*
 * c-pipe: two kernel pipes, one each way, blocking reads and writes of a <size>-byte message. The pipes are named
 * (FIFOs <path>.to-pong and <path>.to-ping) because the harness starts ping and pong as two separate programs; once
 * open, a FIFO is the same kernel pipe as one made by pipe(2). Both sides create them, ignoring EEXIST, and open them
 * in the same order (to-pong first), so neither open blocks forever.
 *
 * c-pipe-poll (built with -DPEER_WAIT_POLLING) waits as ringline-fifo's receive does: the read end non-blocking,
 * poll(2) for POLLIN, then read(2); c-pipe blocks in read(2).
 */
#include "peer_common.h"

#include <limits.h>

static void make_fifo(const char *path)
{
    if (mkfifo(path, 0600) != 0 && errno != EEXIST)
    {
        peer_fail_errno("mkfifo", path);
    }
}

static int open_fifo(const char *path, const int flags)
{
    int fd;
    while ((fd = open(path, flags)) < 0 && errno == EINTR)
    {
    }
    if (fd < 0)
    {
        peer_fail_errno("open", path);
    }
    return fd;
}

int main(int argc, char **argv)
{
    peer_args args;
    peer_parse_args(argc, argv, &args);

    char to_pong[PATH_MAX];
    char to_ping[PATH_MAX];
    if (snprintf(to_pong, sizeof(to_pong), "%s.to-pong", args.path) >= (int)sizeof(to_pong) ||
        snprintf(to_ping, sizeof(to_ping), "%s.to-ping", args.path) >= (int)sizeof(to_ping))
    {
        peer_fail("path too long: path=%s", args.path);
    }
    make_fifo(to_pong);
    make_fifo(to_ping);

    int in;
    int out;
    if (args.is_ping)
    {
        out = open_fifo(to_pong, O_WRONLY);
        in = open_fifo(to_ping, O_RDONLY);
    }
    else
    {
        in = open_fifo(to_pong, O_RDONLY);
        out = open_fifo(to_ping, O_WRONLY);
    }

#ifdef PEER_WAIT_POLLING
    if (fcntl(in, F_SETFL, fcntl(in, F_GETFL) | O_NONBLOCK) != 0)
    {
        peer_fail_errno("fcntl(O_NONBLOCK)", args.path);
    }
#endif
    peer_stream_loop(&args, in, out);

    close(in);
    close(out);
    if (args.is_ping)
    {
        peer_write_rtts(&args);
        unlink(to_pong);
        unlink(to_ping);
    }
    return 0;
}
