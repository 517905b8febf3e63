package io.ringline.ring;

/**
 * Byte layout of a subscriber slot: 128 bytes, the position alone in the first cache line (written by the subscriber
 * once per poll, read by publishers when they recompute their limit), registration and liveness in the second.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Position (next record to read)                |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved up to byte 64                        |  8
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 State word: generation << 32 | state          | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Pid                                           | 72
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Start time (ticks since boot)                 | 80
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Heartbeat (ns, CLOCK_MONOTONIC)               | 88
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Join position                                 | 96
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved up to byte 128                       | 104
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>State: 0 free, 1 claimed (registering), 2 active. A subscriber claims a free slot by compare-and-set of the state
 * word, bumping the generation; it writes pid, start time, heartbeat and position, then sets the state active with
 * release. Publishers count only active slots. Whoever finds the owner dead (pid gone, pid reused, or heartbeat
 * older than the liveness timeout) frees the slot by compare-and-set from the exact active word it saw; the owner
 * notices the changed word on its next poll.
 */
public final class SubscriberSlotDescriptor
{
    /** Length of a slot. */
    public static final int SLOT_LENGTH = 128;
    /** Offset of the position. */
    public static final int POSITION_OFFSET = 0;
    /** Offset of the state word. */
    public static final int STATE_OFFSET = 64;
    /** Offset of the owner's pid. */
    public static final int PID_OFFSET = 72;
    /** Offset of the owner's start time. */
    public static final int START_TIME_OFFSET = 80;
    /** Offset of the heartbeat. */
    public static final int HEARTBEAT_OFFSET = 88;
    /** Offset of the position the subscriber joined at. */
    public static final int JOIN_POSITION_OFFSET = 96;

    /** State: free. */
    public static final int FREE = 0;
    /** State: claimed by a subscriber that is registering. */
    public static final int CLAIMED = 1;
    /** State: active; publishers may not pass its position by more than the capacity. */
    public static final int ACTIVE = 2;

    private SubscriberSlotDescriptor()
    {
    }

    /**
     * @param generation slot generation.
     * @param state      slot state.
     * @return the state word.
     */
    public static long stateWord(final int generation, final int state)
    {
        return ((long)generation << 32) | state;
    }

    /**
     * @param stateWord a state word.
     * @return its state.
     */
    public static int state(final long stateWord)
    {
        return (int)stateWord;
    }

    /**
     * @param stateWord a state word.
     * @return its generation.
     */
    public static int generation(final long stateWord)
    {
        return (int)(stateWord >>> 32);
    }
}
