package io.ringline.bridge;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static io.ringline.bridge.BridgeStateDescriptor.*;

/**
 * A sending bridge's durable state, a memory-mapped {@link BridgeStateDescriptor} file: the epoch it sends with, and
 * per message the next sequence and the source position after it. A checkpoint is three stores into the mapping, no
 * system call, and outlives the process (it is in the page cache when the process is killed; not across a power
 * loss). A new file gets a random epoch and no checkpoint. One bridge per file: the file is not locked.
 */
final class BridgeState implements AutoCloseable
{
    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final boolean resumed;
    private long commit;

    private BridgeState(final Path path, final MappedByteBuffer mapped, final boolean resumed)
    {
        this.path = path;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.resumed = resumed;
        this.commit = buffer.getLongVolatile(COMMIT_OFFSET);
    }

    /**
     * Opens the state file, creating it (with a new random epoch) when missing.
     *
     * @param path the file.
     * @return the state.
     */
    static BridgeState open(final Path path)
    {
        final File file = path.toFile();
        if (Files.exists(path))
        {
            final long length = file.length();
            if (length != FILE_LENGTH)
            {
                throw new IllegalArgumentException("bridge state file=" + path + " is not one: length=" + length +
                    " expected=" + FILE_LENGTH);
            }
            final BridgeState state = new BridgeState(path, IoUtil.mapExistingFile(file, "bridge state"), true);
            final int version = state.buffer.getIntVolatile(VERSION_OFFSET);
            if (version != VERSION)
            {
                state.close();
                throw new IllegalArgumentException("bridge state file=" + path + " has version=" + version +
                    " this code reads version=" + VERSION);
            }
            return state;
        }
        final BridgeState state = new BridgeState(path, IoUtil.mapNewFile(file, FILE_LENGTH), false);
        state.newEpoch();
        state.buffer.putIntVolatile(VERSION_OFFSET, VERSION);
        return state;
    }

    /**
     * Starts over: a new random epoch, different from the old, and no checkpoint.
     */
    void newEpoch()
    {
        final int old = buffer.getInt(EPOCH_OFFSET);
        int epoch;
        do
        {
            epoch = 1 + ThreadLocalRandom.current().nextInt(0xFFFF);
        }
        while (epoch == old);
        buffer.putLongVolatile(COMMIT_OFFSET, 0);
        commit = 0;
        buffer.putIntVolatile(EPOCH_OFFSET, epoch);
    }

    /**
     * @return true when the file existed: its epoch and checkpoint are a previous run's.
     */
    boolean resumed()
    {
        return resumed;
    }

    /**
     * @return the epoch to send with.
     */
    int epoch()
    {
        return buffer.getInt(EPOCH_OFFSET);
    }

    /**
     * @return true when a checkpoint has been written.
     */
    boolean hasCheckpoint()
    {
        return commit > 0;
    }

    /**
     * @return the newest checkpoint's next sequence (0 without one).
     */
    long nextSequence()
    {
        return commit > 0 ? buffer.getLong(checkpointOffset(commit) + NEXT_SEQUENCE_OFFSET) : 0;
    }

    /**
     * @return the newest checkpoint's source position (-1 without one).
     */
    long sourcePosition()
    {
        return commit > 0 ? buffer.getLong(checkpointOffset(commit) + SOURCE_POSITION_OFFSET) : -1;
    }

    /**
     * Records that the message before {@code sourcePosition} is done and the next one gets {@code nextSequence}.
     */
    void checkpoint(final long nextSequence, final long sourcePosition)
    {
        final long next = commit + 1;
        final int offset = checkpointOffset(next);
        buffer.putLong(offset + NEXT_SEQUENCE_OFFSET, nextSequence);
        buffer.putLong(offset + SOURCE_POSITION_OFFSET, sourcePosition);
        buffer.putLongRelease(COMMIT_OFFSET, next);
        commit = next;
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }

    @Override
    public String toString()
    {
        return "BridgeState{file=" + path + ", epoch=" + epoch() + ", nextSequence=" + nextSequence() +
            ", sourcePosition=" + sourcePosition() + "}";
    }
}
