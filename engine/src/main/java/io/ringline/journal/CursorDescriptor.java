package io.ringline.journal;

/**
 * Byte layout of a cursor in a journal's metadata file: where one subscriber is. Every subscriber holds one while it
 * is open, so that retention knows what is still needed; a named cursor ({@code name=} on the subscriber's URI) stays
 * when its subscriber closes or dies, PARKED at the position after the last message it delivered, and the next
 * subscriber with that name resumes there.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Position (next record to read)                |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Join request: live position + 1 (0: none)     |  8
 *  |                 (1.1, ReplayMerge)                            |
 *  +---------------------------------------------------------------+
 *  |                 Join source position (0: not answered)        | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Join journal position                         | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved up to byte 64                        | 32
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 State word: generation << 32 | state          | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Pid of the holder (0 when parked)             | 72
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Start time of the holder (ticks since boot)   | 80
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Name length (0: anonymous)                    | 88
 *  +---------------------------------------------------------------+
 *  |                 Reserved                                      | 92
 *  +---------------------------------------------------------------+
 *  |                 Name: up to 32 bytes of [A-Za-z0-9_.-]        | 96
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>States: FREE, CLAIMED (being set up), ACTIVE (held by a live process), PARKED (a named cursor nobody holds).
 * Only compare-and-set changes the state word, and each claim increments the generation.
 */
public final class CursorDescriptor
{
    /** Offset of the position. */
    public static final int POSITION_OFFSET = 0;
    /**
     * Offset of a {@link ReplayMerge}'s join request: the position in the live channel at which its live subscriber
     * joined, plus one; 0 when none (layout 1.1).
     */
    public static final int JOIN_REQUEST_OFFSET = 8;
    /**
     * Offset of the recorder's answer: the live channel's position after the first message it recorded, having seen
     * the request, that ends past the requested position; 0 until answered. Written with release, after
     * {@link #JOIN_JOURNAL_POSITION_OFFSET}.
     */
    public static final int JOIN_SOURCE_POSITION_OFFSET = 16;
    /** Offset of the journal position after that same message. */
    public static final int JOIN_JOURNAL_POSITION_OFFSET = 24;
    /** Offset of the state word. */
    public static final int STATE_OFFSET = 64;
    /** Offset of the holder's pid. */
    public static final int PID_OFFSET = 72;
    /** Offset of the holder's start time. */
    public static final int START_TIME_OFFSET = 80;
    /** Offset of the name length. */
    public static final int NAME_LENGTH_OFFSET = 88;
    /** Offset of the name. */
    public static final int NAME_OFFSET = 96;
    /** Longest name. */
    public static final int MAX_NAME_LENGTH = 32;
    /** Length of a cursor. */
    public static final int CURSOR_LENGTH = 128;

    /** State: free. */
    public static final int FREE = 0;
    /** State: being claimed. */
    public static final int CLAIMED = 1;
    /** State: held by a live subscriber. */
    public static final int ACTIVE = 2;
    /** State: a named cursor nobody holds. */
    public static final int PARKED = 3;

    private CursorDescriptor()
    {
    }

    /**
     * @param word a state word.
     * @return its state.
     */
    public static int state(final long word)
    {
        return (int)word;
    }

    /**
     * @param word  a state word.
     * @param state the new state.
     * @return the word of the next generation with that state.
     */
    static long nextGeneration(final long word, final int state)
    {
        return ((word >>> 32) + 1) << 32 | state;
    }

    /**
     * @param word  a state word.
     * @param state the new state.
     * @return the word of the same generation with that state.
     */
    static long sameGeneration(final long word, final int state)
    {
        return word & 0xFFFF_FFFF_0000_0000L | state;
    }
}
