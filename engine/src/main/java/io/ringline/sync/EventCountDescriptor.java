package io.ringline.sync;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Byte layout of an {@link EventCount}: 8 bytes, 4-byte aligned (give it a cache line of its own where it is hot),
 * all zero when new. Integers are in native order.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Sequence (wraps at 2^32)                      |  0  futex word
 *  +---------------------------------------------------------------+
 *  |                 Waiters (hint)                                |  4
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The protocol in one sentence: <b>a signal adds one to the sequence, and a waiter sleeps only while the sequence
 * still holds the value it read before deciding to wait</b>; the kernel compares that value atomically with going
 * to sleep, so a signal after the read is never missed. The waiters word lets a signal skip the wake-up system call
 * when nobody sleeps: a waiter adds one before sleeping and subtracts one after, and a signaller adds to the
 * sequence before it reads the waiters word (both full fences), so either the signaller sees the waiter or the
 * waiter's futex call sees the new sequence. A waiter killed while asleep leaves the count one too high, which costs
 * later signals a needless wake-up call and nothing else.
 */
public final class EventCountDescriptor
{
    /** Offset of the sequence, the futex word. */
    public static final int SEQUENCE_OFFSET = 0;
    /** Offset of the count of waiting threads. */
    public static final int WAITERS_OFFSET = 4;
    /** Bytes an event count takes. */
    public static final int LENGTH = 8;
    /** An event count must start at a multiple of this. */
    public static final int ALIGNMENT = 4;

    private EventCountDescriptor()
    {
    }

    /**
     * Checks that an event count fits the buffer at this offset and can be waited on.
     *
     * @param buffer the shared memory, off-heap.
     * @param offset where the event count starts.
     * @throws IllegalArgumentException naming the offset, the address or the capacity.
     */
    public static void checkCapacity(final AtomicBuffer buffer, final int offset)
    {
        SharedPlacement.check(buffer, offset, LENGTH, ALIGNMENT, "an event count");
    }
}
