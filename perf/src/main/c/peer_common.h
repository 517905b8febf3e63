/*
 * Shared by the C reference peers (see io.ringline.perf.CRoundTripPeer): the command line, the clock, the round-trip
 * record, and whole-message reads and writes. Header only, so each peer compiles from one source file:
 *
 *   <program> ping|pong <path> <iterations> <warmup> <size> <timeout-seconds> [<rtt-file>]
 *
 * Both sides are started by the Java harness, pong first. Sequence numbers run from 1 to <iterations>; the ping
 * records the round trips after the first <warmup> and, at the end, writes them to <rtt-file> as native-order int64
 * nanoseconds (CLOCK_MONOTONIC), one per measured iteration. Either side dies when its parent (the harness) dies, or
 * after <timeout-seconds>, so a broken run never leaves a spinning process behind. Errors go to stderr as
 * name=value facts and exit with status 1.
 */
#ifndef RINGLINE_PEER_COMMON_H
#define RINGLINE_PEER_COMMON_H

#define _GNU_SOURCE
#include <limits.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Bytes of the shared file used by the shared-memory peers: one page. */
#define PEER_SHARED_LENGTH 4096
/* Offsets of the two words in the shared file: 128 bytes apart, so the adjacent-line prefetcher keeps them apart. */
#define PEER_PING_OFFSET 0
#define PEER_PONG_OFFSET 128

typedef struct peer_args
{
    int is_ping;
    const char *path;
    int64_t iterations;
    int64_t warmup;
    size_t size;
    const char *rtt_path;
    int64_t *rtts;
} peer_args;

static inline void peer_fail(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    exit(1);
}

static inline void peer_fail_errno(const char *what, const char *path)
{
    peer_fail("%s failed: path=%s, errno=%d (%s)", what, path, errno, strerror(errno));
}

static inline int64_t peer_parse(const char *name, const char *text, int64_t min)
{
    char *end = NULL;
    errno = 0;
    const long long value = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min)
    {
        peer_fail("bad argument: %s=%s, min=%lld", name, text, (long long)min);
    }
    return (int64_t)value;
}

static inline void peer_parse_args(const int argc, char **argv, peer_args *args)
{
    if (argc < 7 || (strcmp(argv[1], "ping") != 0 && strcmp(argv[1], "pong") != 0))
    {
        peer_fail("usage: %s ping|pong <path> <iterations> <warmup> <size> <timeout-seconds> [<rtt-file>]", argv[0]);
    }

    /* die with the harness, and never outlive the run's deadline */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    alarm((unsigned int)peer_parse("timeout-seconds", argv[6], 1));

    memset(args, 0, sizeof(*args));
    args->is_ping = strcmp(argv[1], "ping") == 0;
    args->path = argv[2];
    args->iterations = peer_parse("iterations", argv[3], 1);
    args->warmup = peer_parse("warmup", argv[4], 0);
    args->size = (size_t)peer_parse("size", argv[5], (int64_t)sizeof(int64_t));
    if (args->warmup >= args->iterations)
    {
        peer_fail("warm-up must be less than iterations: warmup=%lld, iterations=%lld",
            (long long)args->warmup, (long long)args->iterations);
    }
    if (args->is_ping)
    {
        if (argc < 8)
        {
            peer_fail("ping needs an rtt file: argc=%d", argc);
        }
        args->rtt_path = argv[7];
        args->rtts = malloc((size_t)(args->iterations - args->warmup) * sizeof(int64_t));
        if (args->rtts == NULL)
        {
            peer_fail("out of memory: iterations=%lld", (long long)args->iterations);
        }
    }
}

static inline int64_t peer_now_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000LL + now.tv_nsec;
}

static inline void peer_record(peer_args *args, const int64_t sequence, const int64_t rtt_ns)
{
    if (sequence > args->warmup)
    {
        args->rtts[sequence - args->warmup - 1] = rtt_ns;
    }
}

static inline void peer_write_rtts(const peer_args *args)
{
    const size_t count = (size_t)(args->iterations - args->warmup);
    FILE *file = fopen(args->rtt_path, "wb");
    if (file == NULL)
    {
        peer_fail_errno("fopen", args->rtt_path);
    }
    if (fwrite(args->rtts, sizeof(int64_t), count, file) != count || fclose(file) != 0)
    {
        peer_fail_errno("write rtts", args->rtt_path);
    }
}

static inline void peer_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* ---- Waiting as Ringline's receive does (the polling variants, built with -DPEER_WAIT_POLLING) -------------------
 * peer_backoff_idle is Agrona's BackoffIdleStrategy with its defaults, the idle strategy of Ringline's System V queue
 * subscriber between empty msgrcv(IPC_NOWAIT) calls: 10 spins, 5 sched_yield, then sleeps from 1 us doubling to 1 ms.
 * peer_await_readable is the stream subscriber's wait: poll(2) for POLLIN, then a read(2) that does not block. */

typedef struct peer_backoff
{
    int64_t idles;
    int64_t park_ns;
} peer_backoff;

#define PEER_BACKOFF_SPINS 10
#define PEER_BACKOFF_YIELDS 5
#define PEER_BACKOFF_MIN_PARK_NS 1000
#define PEER_BACKOFF_MAX_PARK_NS 1000000

__attribute__((unused)) static void peer_backoff_reset(peer_backoff *backoff)
{
    backoff->idles = 0;
    backoff->park_ns = PEER_BACKOFF_MIN_PARK_NS;
}

__attribute__((unused)) static void peer_backoff_idle(peer_backoff *backoff)
{
    if (backoff->idles < PEER_BACKOFF_SPINS)
    {
        peer_cpu_relax();
    }
    else if (backoff->idles < PEER_BACKOFF_SPINS + PEER_BACKOFF_YIELDS)
    {
        sched_yield();
    }
    else
    {
        const struct timespec pause = { 0, backoff->park_ns };
        nanosleep(&pause, NULL);
        backoff->park_ns = backoff->park_ns * 2 > PEER_BACKOFF_MAX_PARK_NS ? PEER_BACKOFF_MAX_PARK_NS : backoff->park_ns * 2;
    }
    backoff->idles++;
}

__attribute__((unused)) static void peer_await_readable(const int fd, const char *path)
{
    struct pollfd readable = { .fd = fd, .events = POLLIN, .revents = 0 };
    while (poll(&readable, 1, 100) < 0)
    {
        if (errno != EINTR)
        {
            peer_fail_errno("poll", path);
        }
    }
}

/* Maps the shared file, creating it if needed; both sides may race here safely: O_CREAT without O_EXCL opens the
 * same file, and truncating to the same length leaves its bytes alone. */
static inline char *peer_map_shared(const char *path)
{
    const int fd = open(path, O_RDWR | O_CREAT, 0600);
    if (fd < 0)
    {
        peer_fail_errno("open", path);
    }
    if (ftruncate(fd, PEER_SHARED_LENGTH) != 0)
    {
        peer_fail_errno("ftruncate", path);
    }
    void *base = mmap(NULL, PEER_SHARED_LENGTH, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED)
    {
        peer_fail_errno("mmap", path);
    }
    close(fd);
    return (char *)base;
}

/* Reads a whole message. Built with -DPEER_WAIT_POLLING (on a non-blocking descriptor), waits in poll(2) before each
 * read, as Ringline's stream subscriber does: one poll(2) and one read(2) per message. */
static inline void peer_read_fully(const int fd, char *buffer, const size_t length, const char *path)
{
    size_t done = 0;
    while (done < length)
    {
#ifdef PEER_WAIT_POLLING
        peer_await_readable(fd, path);
#endif
        const ssize_t n = read(fd, buffer + done, length - done);
        if (n > 0)
        {
            done += (size_t)n;
        }
        else if (n == 0)
        {
            peer_fail("other side closed: path=%s, read=%zu, length=%zu", path, done, length);
        }
        else if (errno != EINTR && errno != EAGAIN)
        {
            peer_fail_errno("read", path);
        }
    }
}

static inline void peer_write_fully(const int fd, const char *buffer, const size_t length, const char *path)
{
    size_t done = 0;
    while (done < length)
    {
        const ssize_t n = write(fd, buffer + done, length - done);
        if (n >= 0)
        {
            done += (size_t)n;
        }
        else if (errno != EINTR)
        {
            peer_fail_errno("write", path);
        }
    }
}

/* One ping-pong of a size-byte message over a pair of blocking file descriptors: the sequence number in the first
 * eight bytes, echoed back unchanged. Used by the pipe and socket peers. */
static inline void peer_stream_loop(peer_args *args, const int in, const int out)
{
    char *message = calloc(1, args->size);
    char *echo = calloc(1, args->size);
    if (message == NULL || echo == NULL)
    {
        peer_fail("out of memory: size=%zu", args->size);
    }
    for (int64_t sequence = 1; sequence <= args->iterations; sequence++)
    {
        if (args->is_ping)
        {
            memcpy(message, &sequence, sizeof(sequence));
            const int64_t start_ns = peer_now_ns();
            peer_write_fully(out, message, args->size, args->path);
            peer_read_fully(in, echo, args->size, args->path);
            peer_record(args, sequence, peer_now_ns() - start_ns);

            int64_t echoed;
            memcpy(&echoed, echo, sizeof(echoed));
            if (echoed != sequence)
            {
                peer_fail("wrong echo: expected=%lld, received=%lld", (long long)sequence, (long long)echoed);
            }
        }
        else
        {
            peer_read_fully(in, message, args->size, args->path);
            peer_write_fully(out, message, args->size, args->path);
        }
    }
    free(message);
    free(echo);
}

/* ---- Cleanup however a peer ends, short of SIGKILL ---------------------------------------------------------------
 * peer_install_cleanup(name, cleanup) runs cleanup at exit and on SIGTERM, SIGINT, SIGHUP and SIGALRM (the timeout),
 * printing "<name>: timed out ..." or "<name>: stopped by a signal" to stderr, and turns the harness's death into a
 * SIGTERM (instead of the SIGKILL set by peer_parse_args) so that it is cleaned up too. */

static void (*peer_cleanup)(void);
static char peer_timed_out_text[160];
static char peer_stopped_text[160];

__attribute__((unused)) static void peer_on_signal(const int signal)
{
    const char *text = signal == SIGALRM ? peer_timed_out_text : peer_stopped_text;
    peer_cleanup();
    if (write(STDERR_FILENO, text, strlen(text)) < 0)
    {
        _exit(1);
    }
    _exit(1);
}

__attribute__((unused)) static void peer_install_cleanup(const char *name, void (*cleanup)(void))
{
    peer_cleanup = cleanup;
    snprintf(peer_timed_out_text, sizeof(peer_timed_out_text), "%s: timed out (timeout-seconds reached)\n", name);
    snprintf(peer_stopped_text, sizeof(peer_stopped_text), "%s: stopped by a signal\n", name);
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = peer_on_signal;
    sigfillset(&action.sa_mask);
    const int signals[] = { SIGTERM, SIGINT, SIGHUP, SIGALRM };
    for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
    {
        sigaction(signals[i], &action, NULL);
    }
    atexit(cleanup);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
}

/* ---- Loopback port hand-off (c-tcp, c-udp) -------------------------------------------------------------------------
 * The pong binds 127.0.0.1 port 0 and publishes the port the kernel chose in the file <path>: it writes <path>.tmp
 * and renames it, so the ping, polling for <path> every millisecond, never reads half a number. peer_port_cleanup
 * removes both files; install it with peer_install_cleanup. */

static char peer_port_path[PATH_MAX];
static char peer_port_temp_path[PATH_MAX];

__attribute__((unused)) static void peer_port_cleanup(void)
{
    if (peer_port_path[0] != '\0')
    {
        unlink(peer_port_temp_path);
        unlink(peer_port_path);
    }
}

__attribute__((unused)) static struct sockaddr_in peer_loopback(const uint16_t port)
{
    struct sockaddr_in address;
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    return address;
}

__attribute__((unused)) static void peer_publish_port(const char *path, const uint16_t port)
{
    snprintf(peer_port_path, sizeof(peer_port_path), "%s", path);
    if (snprintf(peer_port_temp_path, sizeof(peer_port_temp_path), "%s.tmp", path) >= (int)sizeof(peer_port_temp_path))
    {
        peer_fail("path too long: path=%s", path);
    }
    FILE *file = fopen(peer_port_temp_path, "w");
    if (file == NULL)
    {
        peer_fail_errno("fopen", peer_port_temp_path);
    }
    if (fprintf(file, "%u\n", (unsigned int)port) < 0 || fclose(file) != 0)
    {
        peer_fail_errno("write port", peer_port_temp_path);
    }
    if (rename(peer_port_temp_path, peer_port_path) != 0)
    {
        peer_fail_errno("rename", peer_port_path);
    }
}

__attribute__((unused)) static uint16_t peer_await_port(const char *path)
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

#endif
