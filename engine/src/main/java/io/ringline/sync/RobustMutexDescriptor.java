package io.ringline.sync;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Byte layout of a {@link RobustMutex}: 64 bytes (one cache line), 8-byte aligned, all zero when unlocked and
 * consistent, so zero-filled shared memory is a ready mutex. Integers are in native (little-endian) order.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-----------------------------------------------------------+
 *  |W|0|            Owner TID (30 bits), 0 when unlocked           |  0  futex word
 *  +-+-+-----------------------------------------------------------+
 *  |          Owner thread start time, low 32 bits (ticks)         |  4
 *  +---------------------------------------------------------------+
 *  |                 Owner PID (diagnostic only)                   |  8
 *  +---------------------------------------------------------------+
 *  |          Consistency: 0 consistent, 1 an owner died           | 12
 *  +---------------------------------------------------------------+
 *  |                 Recovery count                                | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to 64 bytes                  ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Bits are numbered as in RFCs, most significant first: W is bit 31 of the little-endian futex word
 * ({@link #WAITERS_BIT}), the TID its low 30 bits ({@link #TID_MASK}), bit 30 always 0.
 *
 * <p>The protocol in one sentence: <b>the 8 bytes at offset 0 are one lock word, changed only by 64-bit
 * compare-and-set or swap, and the mutex is held by the thread (tid, start time) it names whenever it is not
 * 0</b>. Naming the owner in the same atomic write that takes the lock leaves no window in which the mutex is held
 * by nobody known: a thread that dies one instruction after taking it is still named. Its low 4 bytes are the futex
 * word that waiters sleep on; bit 31, W, says that some thread may be asleep on it, so that an unlock wakes one.
 *
 * <p>The owner PID is written after the lock is taken and cleared before it is released; it names the process in
 * messages and is never trusted. The consistency word is written by an owner only: 1 when it took the mutex from a
 * dead owner, 0 again after {@link RobustMutex#markConsistent()}. The recovery count says how many times a dead
 * owner's lock was taken over.
 */
public final class RobustMutexDescriptor
{
    /** Offset of the 8-byte lock word; its low 4 bytes are the futex word. */
    public static final int LOCK_WORD_OFFSET = 0;
    /** Offset of the owner's start-time bits, the high half of the lock word. */
    public static final int OWNER_START_TIME_OFFSET = 4;
    /** Offset of the owner PID. */
    public static final int OWNER_PID_OFFSET = 8;
    /** Offset of the consistency word. */
    public static final int CONSISTENCY_OFFSET = 12;
    /** Offset of the recovery count. */
    public static final int RECOVERY_COUNT_OFFSET = 16;
    /** Bytes a mutex takes. */
    public static final int LENGTH = 64;
    /** A mutex must start at a multiple of this (the lock word is changed by 8-byte atomic operations). */
    public static final int ALIGNMENT = 8;

    /** Lock word bit W: a thread may be asleep on the futex word. */
    public static final long WAITERS_BIT = 0x8000_0000L;
    /** Lock word bits of the owner TID. */
    public static final long TID_MASK = ThreadIdentity.TID_MASK;
    /** Consistency value: the protected state is consistent. */
    public static final int CONSISTENT = 0;
    /** Consistency value: an owner died holding the mutex and nobody has marked the state consistent since. */
    public static final int OWNER_DIED = 1;

    private RobustMutexDescriptor()
    {
    }

    /**
     * Checks that a mutex fits the buffer at this offset and that its lock word can be changed atomically.
     *
     * @param buffer the shared memory, off-heap.
     * @param offset where the mutex starts.
     * @throws IllegalArgumentException naming the offset, the address or the capacity.
     */
    public static void checkCapacity(final AtomicBuffer buffer, final int offset)
    {
        SharedPlacement.check(buffer, offset, LENGTH, ALIGNMENT, "a mutex");
    }
}
