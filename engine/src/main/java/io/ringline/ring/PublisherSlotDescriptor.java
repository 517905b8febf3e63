package io.ringline.ring;

/**
 * Byte layout of a publisher slot: 64 bytes, one per open publisher, for exclusivity, liveness and inspection.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 State word: generation << 32 | state          |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Mode (1 exclusive, 2 concurrent)              |  8
 *  +---------------------------------------------------------------+
 *  |                 Reserved                                      | 12
 *  +---------------------------------------------------------------+
 *  |                 Pid                                           | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Start time (ticks since boot)                 | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Heartbeat (ns, CLOCK_MONOTONIC)               | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Claim start (position of the last claim)      | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Claim end (tail after the last claim)         | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved up to byte 64                        | 56
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Before each claim a publisher writes the range it is about to claim, so that if its process dies between claim
 * and commit, a subscriber's conductor knows exactly which bytes to turn into padding ({@link Unblocker}). A failed
 * compare-and-set leaves a range that is not this publisher's; only a dead owner's range is ever used, and never one
 * that a live publisher's range also covers. So a dead publisher's slot is freed only once every active subscriber is
 * at or past its claim end ({@link SlotTable#evictDead}): a restarted publisher that took the slot over before then
 * would overwrite the range of a claim that may never have been committed.
 *
 * <p>States and the slot protocol are those of {@link SubscriberSlotDescriptor}. An exclusive publisher, after
 * claiming its slot, requires every other slot to be free (or active with a dead owner, kept for its claim); a
 * concurrent publisher requires no other slot to be exclusive. Both check after claiming, so two racing openers cannot both succeed in conflicting modes.
 */
public final class PublisherSlotDescriptor
{
    /** Length of a slot. */
    public static final int SLOT_LENGTH = 64;
    /** Offset of the state word. */
    public static final int STATE_OFFSET = 0;
    /** Offset of the mode. */
    public static final int MODE_OFFSET = 8;
    /** Offset of the owner's pid. */
    public static final int PID_OFFSET = 16;
    /** Offset of the owner's start time. */
    public static final int START_TIME_OFFSET = 24;
    /** Offset of the heartbeat. */
    public static final int HEARTBEAT_OFFSET = 32;
    /** Offset of the start of the last claim (a record, or padding then a record). */
    public static final int CLAIM_START_OFFSET = 40;
    /** Offset of the end of the last claim. */
    public static final int CLAIM_END_OFFSET = 48;

    /** Mode: the only publisher; claims without atomic read-modify-write. */
    public static final int EXCLUSIVE = 1;
    /** Mode: one of several publishers; claims by compare-and-set of the tail. */
    public static final int CONCURRENT = 2;

    private PublisherSlotDescriptor()
    {
    }
}
