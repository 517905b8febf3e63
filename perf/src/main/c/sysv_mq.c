/*
 * c-sysvmq: one System V message queue for both directions, blocking msgsnd and msgrcv of one <size>-byte message:
 * the ping sends mtype 1 and receives mtype 2, the pong the reverse. The key comes from <path>: 0x43 ('C') in the top
 * byte, 24 bits of a hash of the path below, so `ipcs -q` tells these queues apart. The ping creates the queue with
 * IPC_CREAT|IPC_EXCL, owner-only (a key already in use is an error, never a shared queue); the pong looks it up,
 * retrying every millisecond until it exists. A System V queue has no name to unlink early, and IPC_RMID fails
 * pending calls, so the ping removes it at the end; either side also removes it when it exits early: on an error,
 * the timeout, SIGTERM or the harness's death.
 *
 * c-sysvmq-backoff (built with -DPEER_WAIT_POLLING) waits as ringline-sysvmq's receive does: msgrcv(IPC_NOWAIT), and
 * between empty calls Agrona's back-off (peer_backoff_idle); c-sysvmq blocks in msgrcv.
 */
#include "peer_common.h"

#include <sys/ipc.h>
#include <sys/msg.h>

#define SYSV_TO_PONG 1L
#define SYSV_TO_PING 2L
#define SYSV_MSGMAX_FILE "/proc/sys/kernel/msgmax"

typedef struct sysv_message
{
    long mtype;
    char mtext[];
} sysv_message;

static volatile sig_atomic_t queue_id = -1;

static void cleanup(void)
{
    if (queue_id >= 0)
    {
        msgctl(queue_id, IPC_RMID, NULL);
        queue_id = -1;
    }
}

/* FNV-1a, 32 bits: equal paths give equal keys in both processes. */
static key_t key_of(const char *path)
{
    uint32_t hash = 0x811c9dc5U;
    for (const unsigned char *c = (const unsigned char *)path; *c != '\0'; c++)
    {
        hash = (hash ^ *c) * 0x01000193U;
    }
    return (key_t)(0x43000000U | (hash & 0x00ffffffU));
}

static long read_msgmax(void)
{
    long value = 8192;
    FILE *file = fopen(SYSV_MSGMAX_FILE, "r");
    if (file != NULL)
    {
        if (fscanf(file, "%ld", &value) != 1)
        {
            value = 8192;
        }
        fclose(file);
    }
    return value;
}

static int lookup_when_created(const key_t key, const char *path)
{
    const struct timespec pause = { 0, 1000000 };
    for (;;)
    {
        const int id = msgget(key, 0);
        if (id >= 0)
        {
            return id;
        }
        if (errno != ENOENT && errno != EINTR)
        {
            peer_fail_errno("msgget", path);
        }
        nanosleep(&pause, NULL);
    }
}

static void send_message(sysv_message *message, const long type, const size_t size, const char *path)
{
    message->mtype = type;
    while (msgsnd(queue_id, message, size, 0) != 0)
    {
        if (errno != EINTR)
        {
            peer_fail_errno("msgsnd", path);
        }
    }
}

static void receive_message(sysv_message *message, const long type, const size_t size, const char *path)
{
#ifdef PEER_WAIT_POLLING
    const int flags = IPC_NOWAIT;
    peer_backoff backoff;
    peer_backoff_reset(&backoff);
#else
    const int flags = 0;
#endif
    ssize_t length;
    while ((length = msgrcv(queue_id, message, size, type, flags)) < 0)
    {
#ifdef PEER_WAIT_POLLING
        if (errno == ENOMSG)
        {
            peer_backoff_idle(&backoff);
            continue;
        }
#endif
        if (errno != EINTR)
        {
            peer_fail_errno("msgrcv", path);
        }
    }
    if ((size_t)length != size)
    {
        peer_fail("wrong message length: path=%s, length=%zd, size=%zu", path, length, size);
    }
}

int main(int argc, char **argv)
{
    peer_args args;
    peer_parse_args(argc, argv, &args);
    peer_install_cleanup("c-sysvmq", cleanup);

    const long msgmax = read_msgmax();
    if ((long)args.size > msgmax)
    {
        peer_fail("message larger than the queue limit: size=%zu, msgmax=%ld (" SYSV_MSGMAX_FILE ")", args.size, msgmax);
    }

    const key_t key = key_of(args.path);
    if (args.is_ping)
    {
        const int id = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
        if (id < 0)
        {
            peer_fail("msgget(IPC_CREAT|IPC_EXCL) failed: path=%s, key=0x%08x, errno=%d (%s)",
                args.path, (unsigned int)key, errno, strerror(errno));
        }
        queue_id = id;
    }
    else
    {
        queue_id = lookup_when_created(key, args.path);
    }

    sysv_message *message = calloc(1, sizeof(sysv_message) + args.size);
    if (message == NULL)
    {
        peer_fail("out of memory: size=%zu", args.size);
    }
    for (int64_t sequence = 1; sequence <= args.iterations; sequence++)
    {
        if (args.is_ping)
        {
            memcpy(message->mtext, &sequence, sizeof(sequence));
            const int64_t start_ns = peer_now_ns();
            send_message(message, SYSV_TO_PONG, args.size, args.path);
            receive_message(message, SYSV_TO_PING, args.size, args.path);
            peer_record(&args, sequence, peer_now_ns() - start_ns);

            int64_t echoed;
            memcpy(&echoed, message->mtext, sizeof(echoed));
            if (echoed != sequence)
            {
                peer_fail("wrong echo: expected=%lld, received=%lld", (long long)sequence, (long long)echoed);
            }
        }
        else
        {
            receive_message(message, SYSV_TO_PONG, args.size, args.path);
            send_message(message, SYSV_TO_PING, args.size, args.path);
        }
    }
    free(message);

    if (args.is_ping)
    {
        cleanup();
        peer_write_rtts(&args);
    }
    else
    {
        /* the queue is the ping's to remove: it may still be reading the last echo */
        queue_id = -1;
    }
    return 0;
}
