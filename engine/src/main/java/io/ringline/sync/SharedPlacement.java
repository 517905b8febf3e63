package io.ringline.sync;

import org.agrona.concurrent.AtomicBuffer;

/**
 * The one check of where a process-shared object ({@link EventCount}, {@link RobustMutex}) may lie in a buffer: in
 * shared memory (off-heap), whole within the capacity, at an address its atomic operations accept.
 */
final class SharedPlacement
{
    private SharedPlacement()
    {
    }

    /**
     * @param buffer    the shared memory, off-heap.
     * @param offset    where the object starts.
     * @param length    bytes the object takes.
     * @param alignment the object's start must be a multiple of this, a power of two.
     * @param what      the object with its article, for the message: "a mutex".
     * @throws IllegalArgumentException naming the offset, the address or the capacity.
     */
    static void check(
        final AtomicBuffer buffer, final int offset, final int length, final int alignment, final String what)
    {
        if (null != buffer.byteArray())
        {
            throw new IllegalArgumentException("buffer is on the Java heap: " + what + " needs shared memory " +
                "(a mapped file or a direct buffer)");
        }
        if (offset < 0 || (long)offset + length > buffer.capacity())
        {
            throw new IllegalArgumentException("offset=" + offset + " length=" + length +
                " does not fit capacity=" + buffer.capacity());
        }
        final long address = buffer.addressOffset() + offset;
        if ((address & (alignment - 1)) != 0)
        {
            throw new IllegalArgumentException("offset=" + offset + " address=0x" + Long.toHexString(address) +
                " is not " + alignment + "-byte aligned");
        }
    }
}
