package io.ringline.os;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A block of native memory that this process hands to the kernel: a structure the kernel fills ({@code struct statx},
 * {@code struct msqid_ds}, {@code struct mq_attr}), a {@code struct timespec}, a {@code struct sockaddr_un}, a
 * {@code struct pollfd}. Zero-filled and 8-byte aligned; written and read through {@link #buffer()}, passed to
 * {@link LibC} as {@link #address()}.
 *
 * <p>Allocate one where the object that uses it is made, never per call on a hot path. The memory lives as long as
 * this object: a caller that passes only {@link #address()} to the kernel and reads nothing back afterwards keeps the
 * buffer reachable across the call ({@link java.lang.ref.Reference#reachabilityFence(Object)}).
 */
public final class NativeBuffer
{
    /** Bytes of a {@code struct timespec}: {@code tv_sec} at 0, {@code tv_nsec} at 8, both 64-bit. */
    public static final int TIMESPEC_LENGTH = 16;

    private static final int ALIGNMENT = 8;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final UnsafeBuffer buffer;

    /**
     * @param length bytes, at least 1.
     * @throws IllegalArgumentException when the length is not positive.
     */
    public NativeBuffer(final int length)
    {
        if (length <= 0)
        {
            throw new IllegalArgumentException("native buffer length=" + length + " must be positive");
        }
        buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, ALIGNMENT));
    }

    /**
     * @return the address of the first byte, for {@link LibC}.
     */
    public long address()
    {
        return buffer.addressOffset();
    }

    /**
     * @return a view of the whole block.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Writes a {@code struct timespec} at offset 0, in a buffer of at least {@link #TIMESPEC_LENGTH} bytes.
     *
     * @param timeNs a duration or an absolute time in nanoseconds, not negative.
     * @return {@link #address()}, to pass on.
     */
    public long putTimespec(final long timeNs)
    {
        buffer.putLong(0, timeNs / NANOS_PER_SECOND);
        buffer.putLong(Long.BYTES, timeNs % NANOS_PER_SECOND);
        return address();
    }
}
