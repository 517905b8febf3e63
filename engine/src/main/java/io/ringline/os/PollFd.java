package io.ringline.os;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Waits for one descriptor to become readable with {@code poll(2)}. It owns its {@code struct pollfd}, so a wait
 * allocates nothing; the kernel writes {@code revents}. Not thread-safe: one waiting thread at a time.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                              fd                               |  0
 *  +-------------------------------+-------------------------------+
 *  |            events             |            revents            |  4
 *  +-------------------------------+-------------------------------+
 * </pre>
 */
public final class PollFd
{
    private static final int FD_OFFSET = 0;
    private static final int EVENTS_OFFSET = 4;
    private static final int LENGTH = 8;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final NativeBuffer pollfd = new NativeBuffer(LENGTH);

    /**
     * @param fd the descriptor to wait on.
     */
    public PollFd(final int fd)
    {
        final UnsafeBuffer buffer = pollfd.buffer();
        buffer.putInt(FD_OFFSET, fd);
        buffer.putShort(EVENTS_OFFSET, Native.POLLIN);
    }

    /**
     * Waits until the descriptor is readable (data, end of file or an error to read), at most the timeout rounded up
     * to whole milliseconds.
     *
     * @param timeoutNs longest wait; 0 or less only checks.
     * @return true when readable; false on timeout or when a signal interrupted the wait.
     */
    public boolean awaitReadable(final long timeoutNs)
    {
        final int timeoutMs = timeoutNs <= 0 ? 0 :
            (int)Math.min(Integer.MAX_VALUE, (timeoutNs - 1) / NANOS_PER_MILLI + 1);
        return Native.libc().poll(pollfd.address(), 1, timeoutMs) > 0;
    }
}
