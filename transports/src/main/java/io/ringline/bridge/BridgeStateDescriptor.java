package io.ringline.bridge;

/**
 * The state file of a sending {@link Bridge} ({@code --state FILE}): its epoch, and a checkpoint per forwarded message
 * of the next sequence and the source position after that message, so that a restarted bridge resumes both. Two
 * checkpoint slots are written in turn and the commit word names the newer one, published last with a release
 * store, so a bridge killed mid-write leaves the previous checkpoint whole:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Version                              |   0
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Epoch                                |   4
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Commit (checkpoints written)               |   8
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Checkpoint 0: next sequence, source position           |  16
 *  ...                                                           ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Checkpoint 1: next sequence, source position           |  32
 *  ...                                                           ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The valid checkpoint is {@code commit & 1}; a commit of 0 means none yet. Little-endian. See docs/layout.md.
 */
public final class BridgeStateDescriptor
{
    /** Layout version, an int. */
    public static final int VERSION_OFFSET = 0;
    /** The sending bridge's epoch, an int (1 to 65535). */
    public static final int EPOCH_OFFSET = 4;
    /** Checkpoints written so far, a long; the newest is in slot {@code commit & 1}. */
    public static final int COMMIT_OFFSET = 8;
    /** The two checkpoint slots. */
    public static final int CHECKPOINTS_OFFSET = 16;
    /** In a checkpoint: the sequence the next message gets, a long. */
    public static final int NEXT_SEQUENCE_OFFSET = 0;
    /** In a checkpoint: the source position after the last message forwarded (or given up), a long. */
    public static final int SOURCE_POSITION_OFFSET = 8;
    /** Bytes of one checkpoint. */
    public static final int CHECKPOINT_LENGTH = 16;
    /** Bytes of the file. */
    public static final int FILE_LENGTH = CHECKPOINTS_OFFSET + 2 * CHECKPOINT_LENGTH;
    /** The version this code writes and reads. */
    public static final int VERSION = 1;

    private BridgeStateDescriptor()
    {
    }

    /**
     * @param commit checkpoints written, at least 1.
     * @return offset of the checkpoint slot that holds the newest.
     */
    public static int checkpointOffset(final long commit)
    {
        return CHECKPOINTS_OFFSET + (int)(commit & 1) * CHECKPOINT_LENGTH;
    }
}
