/*
 * c-futex: the floor for a transport whose both sides sleep in the kernel between messages. Two 32-bit words in a
 * shared file, 128 bytes apart. The ping stores n in its word and FUTEX_WAKEs it, then FUTEX_WAITs on the pong word
 * until it reads n; the pong FUTEX_WAITs on the ping word until it reads n, stores n in the pong word and wakes it.
 * No FUTEX_PRIVATE_FLAG: the words are shared between processes. Every message costs a wake and a sleep on each side.
 * <size> does not apply.
 */
#include "peer_common.h"

#include <linux/futex.h>
#include <sys/syscall.h>

static void futex_wake(uint32_t *word, const char *path)
{
    if (syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0) < 0)
    {
        peer_fail_errno("FUTEX_WAKE", path);
    }
}

/* Sleeps until the word holds the wanted value; a value changed before the sleep (EAGAIN) or a signal just looks again. */
static void futex_await(uint32_t *word, const uint32_t wanted, const char *path)
{
    for (;;)
    {
        const uint32_t seen = __atomic_load_n(word, __ATOMIC_ACQUIRE);
        if (seen == wanted)
        {
            return;
        }
        if (syscall(SYS_futex, word, FUTEX_WAIT, seen, NULL, NULL, 0) < 0 && errno != EAGAIN && errno != EINTR)
        {
            peer_fail_errno("FUTEX_WAIT", path);
        }
    }
}

int main(int argc, char **argv)
{
    peer_args args;
    peer_parse_args(argc, argv, &args);

    char *base = peer_map_shared(args.path);
    uint32_t *ping_word = (uint32_t *)(base + PEER_PING_OFFSET);
    uint32_t *pong_word = (uint32_t *)(base + PEER_PONG_OFFSET);

    for (int64_t sequence = 1; sequence <= args.iterations; sequence++)
    {
        const uint32_t value = (uint32_t)sequence;
        if (args.is_ping)
        {
            const int64_t start_ns = peer_now_ns();
            __atomic_store_n(ping_word, value, __ATOMIC_RELEASE);
            futex_wake(ping_word, args.path);
            futex_await(pong_word, value, args.path);
            peer_record(&args, sequence, peer_now_ns() - start_ns);
        }
        else
        {
            futex_await(ping_word, value, args.path);
            __atomic_store_n(pong_word, value, __ATOMIC_RELEASE);
            futex_wake(pong_word, args.path);
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
