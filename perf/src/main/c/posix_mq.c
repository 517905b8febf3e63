/*
 * c-mq: two POSIX message queues, one each way, blocking mq_send and mq_receive of one <size>-byte message. The
 * queue names come from <path> (a hash of it, so any path gives a valid name: "/ringline-c-mq-<hash>.to-pong" and
 * ".to-ping"). The ping creates both with O_CREAT|O_EXCL, owner-only, depth min(10, msg_max); the pong opens them,
 * retrying every millisecond until they exist. The ping unlinks both names after the first round trip (the pong has
 * opened them by then; the open descriptors keep the queues alive), so a run killed later leaves nothing behind.
 * Either side also unlinks the names it created or opened when it exits early: on an error, the timeout, SIGTERM or
 * the harness's death (never a name it found taken: O_EXCL failing leaves the other owner's queue alone).
 * glibc 2.34+ has the mq_* functions in libc itself, so no -lrt is needed.
 */
#include "peer_common.h"

#include <mqueue.h>

#define MQ_DEPTH_WANTED 10
#define MQ_LIMITS_DIR "/proc/sys/fs/mqueue/"

static char to_pong_name[64];
static char to_ping_name[64];
/* Set once this process has created (ping) or opened (pong) a queue, so a name in use by anyone else is never
 * unlinked. */
static volatile sig_atomic_t to_pong_held = 0;
static volatile sig_atomic_t to_ping_held = 0;

static void cleanup(void)
{
    if (to_pong_held)
    {
        to_pong_held = 0;
        mq_unlink(to_pong_name);
    }
    if (to_ping_held)
    {
        to_ping_held = 0;
        mq_unlink(to_ping_name);
    }
}

/* FNV-1a, 64 bits: equal paths give equal names in both processes. */
static uint64_t hash_path(const char *path)
{
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (const unsigned char *c = (const unsigned char *)path; *c != '\0'; c++)
    {
        hash = (hash ^ *c) * 0x100000001b3ULL;
    }
    return hash;
}

static long read_limit(const char *name, const long fallback)
{
    char path[128];
    snprintf(path, sizeof(path), MQ_LIMITS_DIR "%s", name);
    FILE *file = fopen(path, "r");
    long value = fallback;
    if (file != NULL)
    {
        if (fscanf(file, "%ld", &value) != 1)
        {
            value = fallback;
        }
        fclose(file);
    }
    return value;
}

static mqd_t create_queue(const char *name, const long depth, const size_t size)
{
    struct mq_attr attributes;
    memset(&attributes, 0, sizeof(attributes));
    attributes.mq_maxmsg = depth;
    attributes.mq_msgsize = (long)size;
    const mqd_t queue = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
    if (queue == (mqd_t)-1)
    {
        peer_fail_errno("mq_open(O_CREAT|O_EXCL)", name);
    }
    return queue;
}

static mqd_t open_when_created(const char *name)
{
    const struct timespec pause = { 0, 1000000 };
    for (;;)
    {
        const mqd_t queue = mq_open(name, O_RDWR);
        if (queue != (mqd_t)-1)
        {
            return queue;
        }
        if (errno != ENOENT && errno != EINTR)
        {
            peer_fail_errno("mq_open", name);
        }
        nanosleep(&pause, NULL);
    }
}

static void send_message(const mqd_t queue, const char *message, const size_t size, const char *name)
{
    while (mq_send(queue, message, size, 0) != 0)
    {
        if (errno != EINTR)
        {
            peer_fail_errno("mq_send", name);
        }
    }
}

static void receive_message(const mqd_t queue, char *message, const size_t size, const char *name)
{
    ssize_t length;
    while ((length = mq_receive(queue, message, size, NULL)) < 0)
    {
        if (errno != EINTR)
        {
            peer_fail_errno("mq_receive", name);
        }
    }
    if ((size_t)length != size)
    {
        peer_fail("wrong message length: queue=%s, length=%zd, size=%zu", name, length, size);
    }
}

int main(int argc, char **argv)
{
    peer_args args;
    peer_parse_args(argc, argv, &args);

    const uint64_t hash = hash_path(args.path);
    snprintf(to_pong_name, sizeof(to_pong_name), "/ringline-c-mq-%016llx.to-pong", (unsigned long long)hash);
    snprintf(to_ping_name, sizeof(to_ping_name), "/ringline-c-mq-%016llx.to-ping", (unsigned long long)hash);
    peer_install_cleanup("c-mq", cleanup);

    const long depth_max = read_limit("msg_max", MQ_DEPTH_WANTED);
    const long depth = depth_max < MQ_DEPTH_WANTED ? depth_max : MQ_DEPTH_WANTED;
    const long size_max = read_limit("msgsize_max", 8192);
    if ((long)args.size > size_max)
    {
        peer_fail("message larger than the queue limit: size=%zu, msgsize_max=%ld (" MQ_LIMITS_DIR "msgsize_max)",
            args.size, size_max);
    }

    mqd_t in;
    mqd_t out;
    if (args.is_ping)
    {
        out = create_queue(to_pong_name, depth, args.size);
        to_pong_held = 1;
        in = create_queue(to_ping_name, depth, args.size);
        to_ping_held = 1;
    }
    else
    {
        in = open_when_created(to_pong_name);
        to_pong_held = 1;
        out = open_when_created(to_ping_name);
        to_ping_held = 1;
    }

    char *message = calloc(1, args.size);
    char *echo = calloc(1, args.size);
    if (message == NULL || echo == NULL)
    {
        peer_fail("out of memory: size=%zu", args.size);
    }
    for (int64_t sequence = 1; sequence <= args.iterations; sequence++)
    {
        if (args.is_ping)
        {
            memcpy(message, &sequence, sizeof(sequence));
            const int64_t start_ns = peer_now_ns();
            send_message(out, message, args.size, to_pong_name);
            receive_message(in, echo, args.size, to_ping_name);
            peer_record(&args, sequence, peer_now_ns() - start_ns);

            int64_t echoed;
            memcpy(&echoed, echo, sizeof(echoed));
            if (echoed != sequence)
            {
                peer_fail("wrong echo: expected=%lld, received=%lld", (long long)sequence, (long long)echoed);
            }
            if (sequence == 1)
            {
                cleanup();
            }
        }
        else
        {
            receive_message(in, message, args.size, to_pong_name);
            send_message(out, message, args.size, to_ping_name);
        }
    }
    free(message);
    free(echo);

    mq_close(in);
    mq_close(out);
    to_pong_held = 0;
    to_ping_held = 0;
    if (args.is_ping)
    {
        peer_write_rtts(&args);
    }
    return 0;
}
