package io.ringline.ring;

import io.ringline.os.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;

/**
 * What a {@link PublisherSlot} and a {@link SubscriberSlot} share, read and written through one flyweight over the
 * channel's region: the state word ({@code generation << 32 | state}, {@link SubscriberSlotDescriptor}), the owner's
 * pid and start time, and its heartbeat. The memory ordering of each access is in its name; a name without one is a
 * plain access, ordered by the state word's compare-and-set or release around it. Not thread-safe: a flyweight that
 * is wrapped again belongs to one thread.
 */
public abstract class OwnedSlot
{
    private final int stateOffset;
    private final int pidOffset;
    private final int startTimeOffset;
    private final int heartbeatOffset;
    AtomicBuffer buffer;
    int offset;

    OwnedSlot(final int stateOffset, final int pidOffset, final int startTimeOffset, final int heartbeatOffset)
    {
        this.stateOffset = stateOffset;
        this.pidOffset = pidOffset;
        this.startTimeOffset = startTimeOffset;
        this.heartbeatOffset = heartbeatOffset;
    }

    final void wrapAt(final AtomicBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
    }

    /**
     * @return where the slot starts in the wrapped buffer.
     */
    public final int offset()
    {
        return offset;
    }

    /**
     * @return the state word, read with acquire semantics (volatile).
     */
    public final long stateWordVolatile()
    {
        return buffer.getLongVolatile(offset + stateOffset);
    }

    /**
     * @param expected the state word judged.
     * @param update   the new state word.
     * @return true when the slot held the expected word and now holds the update.
     */
    public final boolean compareAndSetStateWord(final long expected, final long update)
    {
        return buffer.compareAndSetLong(offset + stateOffset, expected, update);
    }

    /**
     * @return the owner's pid (plain read, after {@link #stateWordVolatile()}).
     */
    public final long pid()
    {
        return buffer.getLong(offset + pidOffset);
    }

    /**
     * @param pid the owner's pid (plain write, before the state word is set active).
     */
    public final void pid(final long pid)
    {
        buffer.putLong(offset + pidOffset, pid);
    }

    /**
     * @return the owner's start time in clock ticks since boot (plain read).
     */
    public final long startTime()
    {
        return buffer.getLong(offset + startTimeOffset);
    }

    /**
     * @param startTime the owner's start time in clock ticks since boot (plain write).
     */
    public final void startTime(final long startTime)
    {
        buffer.putLong(offset + startTimeOffset, startTime);
    }

    /**
     * @return the owner's last heartbeat in CLOCK_MONOTONIC nanoseconds (volatile read).
     */
    public final long heartbeatVolatile()
    {
        return buffer.getLongVolatile(offset + heartbeatOffset);
    }

    /**
     * @param nowNs the first heartbeat, at registration (plain write).
     */
    public final void heartbeat(final long nowNs)
    {
        buffer.putLong(offset + heartbeatOffset, nowNs);
    }

    /**
     * @param nowNs a heartbeat of the running owner (release write).
     */
    public final void heartbeatRelease(final long nowNs)
    {
        buffer.putLongRelease(offset + heartbeatOffset, nowNs);
    }

    /**
     * @return true when the process recorded as the owner (pid and start time) is running.
     */
    public final boolean isOwnerAlive()
    {
        return ProcessIdentity.isAlive(pid(), startTime());
    }
}
