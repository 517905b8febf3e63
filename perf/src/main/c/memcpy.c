/*
 * memcpy bandwidth: copies size-byte blocks from one buffer into successive slots of a capacity-byte destination
 * (wrapping, like a producer filling a ring), for warmup-ns, then counts copies for measure-ns, and writes the copies
 * per second as text to out-file. One process, no peer: the yardstick a large-message throughput is compared with.
 *
 *   memcpy <size> <capacity> <warmup-ns> <measure-ns> <out-file>
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int64_t copy_for(char *dst, const char *src, size_t size, size_t capacity, int64_t duration_ns)
{
    const int64_t end = now_ns() + duration_ns;
    int64_t copies = 0;
    size_t offset = 0;
    do
    {
        for (int i = 0; i < 64; i++)
        {
            memcpy(dst + offset, src, size);
            offset += size;
            if (offset + size > capacity)
            {
                offset = 0;
            }
            copies++;
        }
        __asm__ __volatile__("" : : "r"(dst) : "memory");
    }
    while (now_ns() < end);
    return copies;
}

int main(int argc, char **argv)
{
    if (argc != 6)
    {
        fprintf(stderr, "usage: memcpy <size> <capacity> <warmup-ns> <measure-ns> <out-file>\n");
        return 2;
    }
    const size_t size = strtoull(argv[1], NULL, 10);
    const size_t capacity = strtoull(argv[2], NULL, 10);
    const int64_t warmup_ns = strtoll(argv[3], NULL, 10);
    const int64_t measure_ns = strtoll(argv[4], NULL, 10);
    if (size == 0 || capacity < size)
    {
        fprintf(stderr, "memcpy: need 0 < size <= capacity: size=%zu capacity=%zu\n", size, capacity);
        return 2;
    }
    char *src = malloc(size);
    char *dst = malloc(capacity);
    if (src == NULL || dst == NULL)
    {
        perror("malloc");
        return 1;
    }
    memset(src, 1, size);
    memset(dst, 0, capacity);

    copy_for(dst, src, size, capacity, warmup_ns);
    const int64_t start = now_ns();
    const int64_t copies = copy_for(dst, src, size, capacity, measure_ns);
    const double seconds = (now_ns() - start) / 1e9;

    FILE *out = fopen(argv[5], "w");
    if (out == NULL)
    {
        perror("fopen");
        return 1;
    }
    fprintf(out, "%.1f\n", copies / seconds);
    fclose(out);
    free(src);
    free(dst);
    return 0;
}
