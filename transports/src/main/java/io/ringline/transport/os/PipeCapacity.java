package io.ringline.transport.os;

import io.ringline.os.Native;
import io.ringline.os.ProcFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Grows a pipe's or FIFO's kernel buffer ({@code fcntl(F_SETPIPE_SZ)}) so that whole frames fit in it.
 *
 * <p>A Linux pipe holds 64 KiB by default. A frame longer than what the buffer has free goes in two writes, and its
 * tail waits for the next {@code offer} or the conductor's next pass: a 64 KiB message plus its header would always
 * be split. The publisher therefore asks for room for two of its longest frames (rounded up to a power of two), up
 * to {@code /proc/sys/fs/pipe-max-size} (1 MiB by default; root may exceed it). Asking is best effort: a refusal
 * (EPERM over the per-user pipe quota, EBUSY) leaves the pipe as it was, and the pending-tail path still delivers.
 */
public final class PipeCapacity
{
    /** fcntl: set the pipe's capacity (Linux). */
    public static final int F_SETPIPE_SZ = 1031;
    /** fcntl: get the pipe's capacity (Linux). */
    public static final int F_GETPIPE_SZ = 1032;

    private static final Path PIPE_MAX_SIZE = Path.of("/proc/sys/fs/pipe-max-size");
    private static final int DEFAULT_PIPE_MAX_SIZE = 1 << 20;

    private PipeCapacity()
    {
    }

    /**
     * Grows the pipe behind {@code fd} to hold two frames of {@code maxFrameLength} bytes, within the system limit.
     *
     * @param fd             either end of a pipe or FIFO.
     * @param maxFrameLength the longest frame that will be written.
     * @return the capacity the pipe has afterwards, or -1 when {@code fd} is not a pipe.
     */
    public static int ensure(final int fd, final int maxFrameLength)
    {
        return ensure(fd, maxFrameLength, 0);
    }

    /**
     * Sets the pipe's capacity as asked ({@code pipe-size} in a URI), or grows it for two frames when not asked.
     *
     * @param fd             either end of a pipe or FIFO.
     * @param maxFrameLength the longest frame that will be written.
     * @param requested      the capacity asked for (the kernel rounds it up to a power-of-two number of pages), or 0.
     * @return the capacity the pipe has afterwards, or -1 when {@code fd} is not a pipe.
     */
    public static int ensure(final int fd, final int maxFrameLength, final int requested)
    {
        final int current = Native.libc().fcntl(fd, F_GETPIPE_SZ, 0);
        if (current < 0)
        {
            return -1;
        }
        final long wanted = requested > 0 ? requested :
            Math.min(roundUpToPowerOfTwo(2L * maxFrameLength), pipeMaxSize());
        if (requested == 0 && wanted <= current)
        {
            return current;
        }
        final int granted = Native.libc().fcntl(fd, F_SETPIPE_SZ, (int)wanted);
        return granted > 0 ? granted : current;
    }

    private static long roundUpToPowerOfTwo(final long value)
    {
        return value <= 1 ? 1 : Long.highestOneBit(value - 1) << 1;
    }

    private static long pipeMaxSize()
    {
        try
        {
            return ProcFiles.number(PIPE_MAX_SIZE);
        }
        catch (final IOException ex)
        {
            return DEFAULT_PIPE_MAX_SIZE; // best effort, as the growing itself
        }
    }
}
