package io.ringline.os;

/**
 * Futex wait and wake on a 32-bit word in shared memory, through {@code syscall(SYS_futex, ...)}. Always the shared
 * variant (no {@code FUTEX_PRIVATE_FLAG}): the word lives in a mapping that other processes wait on too.
 *
 * <p>One instance per waiting thread: it owns the {@code struct timespec} it passes to the kernel, so that waiting
 * allocates nothing. {@link #wake(long, int)} is static and allocation-free.
 */
public final class Futex
{
    /** {@link #await(long, int, long)} returned because another process woke the word or it changed. */
    public static final int WOKEN = 0;
    /** The word did not hold the expected value: nothing to wait for. */
    public static final int VALUE_CHANGED = 1;
    /** The timeout passed. */
    public static final int TIMED_OUT = 2;
    /** A signal interrupted the wait. */
    public static final int INTERRUPTED = 3;

    private final NativeBuffer timespec = new NativeBuffer(NativeBuffer.TIMESPEC_LENGTH);

    /**
     * Sleeps while the word at {@code address} holds {@code expected}, at most {@code timeoutNs}.
     *
     * @param address   address of a 4-byte aligned int in shared memory.
     * @param expected  the value seen before deciding to sleep: the kernel compares it atomically with the wait.
     * @param timeoutNs longest sleep, or a negative value to sleep without limit.
     * @return {@link #WOKEN}, {@link #VALUE_CHANGED}, {@link #TIMED_OUT} or {@link #INTERRUPTED}.
     */
    public int await(final long address, final int expected, final long timeoutNs)
    {
        final long timeout = timeoutNs >= 0 ? timespec.putTimespec(timeoutNs) : 0L;
        final long result = Native.libc().syscall(Native.SYS_FUTEX, address, Native.FUTEX_WAIT, expected, timeout);
        if (result == 0)
        {
            return WOKEN;
        }
        final int errno = Native.errno();
        switch (errno)
        {
            case Native.EAGAIN:
                return VALUE_CHANGED;
            case Native.ETIMEDOUT:
                return TIMED_OUT;
            case Native.EINTR:
                return INTERRUPTED;
            default:
                throw new IllegalStateException("futex wait failed: address=0x" + Long.toHexString(address) +
                    " " + Native.describe(errno));
        }
    }

    /**
     * Wakes up to {@code count} waiters on the word at {@code address}.
     *
     * @param address address of the futex word.
     * @param count   how many to wake; {@link Integer#MAX_VALUE} for all.
     * @return how many were woken.
     */
    public static int wake(final long address, final int count)
    {
        return (int)Native.libc().syscall(Native.SYS_FUTEX, address, Native.FUTEX_WAKE, count);
    }
}
