/*
 * c-shm-cacheline: the physical floor. Two processes bounce a sequence number between two cache lines of one shared
 * file, 128 bytes apart: the ping release-stores n on its line and spins with acquire loads until the pong line
 * shows n; the pong spins on the ping line and echoes. No framing, no system calls. <size> does not apply.
 */
#include "peer_common.h"

int main(int argc, char **argv)
{
    peer_args args;
    peer_parse_args(argc, argv, &args);

    char *base = peer_map_shared(args.path);
    int64_t *ping_line = (int64_t *)(base + PEER_PING_OFFSET);
    int64_t *pong_line = (int64_t *)(base + PEER_PONG_OFFSET);

    for (int64_t sequence = 1; sequence <= args.iterations; sequence++)
    {
        if (args.is_ping)
        {
            const int64_t start_ns = peer_now_ns();
            __atomic_store_n(ping_line, sequence, __ATOMIC_RELEASE);
            while (__atomic_load_n(pong_line, __ATOMIC_ACQUIRE) != sequence)
            {
                peer_cpu_relax();
            }
            peer_record(&args, sequence, peer_now_ns() - start_ns);
        }
        else
        {
            while (__atomic_load_n(ping_line, __ATOMIC_ACQUIRE) != sequence)
            {
                peer_cpu_relax();
            }
            __atomic_store_n(pong_line, sequence, __ATOMIC_RELEASE);
        }
    }

    munmap(base, PEER_SHARED_LENGTH);
    if (args.is_ping)
    {
        peer_write_rtts(&args);
        unlink(args.path);
    }
    return 0;
}
