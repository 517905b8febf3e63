package io.ringline.sync;

import io.ringline.memory.MappedFileMemory;

import java.nio.file.Path;

/**
 * An {@link EventCount} in its own named file, {@code /dev/shm/ringline-event-NAME}, for processes that share
 * nothing else. The file's layout is drawn in {@link SyncFileDescriptor}.
 *
 * <pre>{@code
 * try (NamedEventCount named = NamedEventCount.openOrCreate("ticks"))
 * {
 *     final EventCount ticks = named.event();
 *     final int sequence = ticks.sequence();
 *     if (!conditionHolds())
 *     {
 *         ticks.await(sequence, 1, TimeUnit.SECONDS);   // another process: ticks.signal()
 *     }
 * }
 * NamedEventCount.unlink("ticks");        // when no process needs it any more
 * }</pre>
 *
 * <p>{@link #close()} unmaps the file: the {@link #event()} flyweight must not be used after it, nor while it runs.
 * {@link #unlink()} removes the name: processes that have it open keep sharing the old event count, and a later
 * {@code openOrCreate} makes a new one, so unlink only when every user is done.
 */
public final class NamedEventCount extends NamedSyncObject
{
    private static final String KIND = "event";

    private final EventCount event;

    private NamedEventCount(final String name, final MappedFileMemory memory)
    {
        super(name, memory);
        this.event = new EventCount().wrap(memory.buffer(), SyncFileDescriptor.OBJECT_OFFSET);
    }

    /**
     * Opens the named event count, creating an owner-only (0600) one when it does not exist.
     *
     * @param name 1..200 characters of {@code [A-Za-z0-9_.-]}.
     * @return the event count.
     */
    public static NamedEventCount openOrCreate(final String name)
    {
        return openOrCreate(name, 0600);
    }

    /**
     * Opens the named event count, creating it with this mode when it does not exist.
     *
     * @param name 1..200 characters of {@code [A-Za-z0-9_.-]}.
     * @param mode permission bits of a new file, set exactly whatever the umask.
     * @return the event count.
     */
    public static NamedEventCount openOrCreate(final String name, final int mode)
    {
        return new NamedEventCount(name, SyncFile.openOrCreate(pathOf(name), SyncFileDescriptor.TYPE_EVENT, mode));
    }

    /**
     * Opens an existing named event count.
     *
     * @param name its name.
     * @return the event count.
     * @throws SyncException with {@code ENOENT} when it does not exist, {@code EINVAL} when the file holds
     * something else.
     */
    public static NamedEventCount open(final String name)
    {
        return new NamedEventCount(name, SyncFile.open(pathOf(name), SyncFileDescriptor.TYPE_EVENT));
    }

    /**
     * Removes a named event count's file if it exists.
     *
     * @param name its name.
     * @return true when a file was removed.
     */
    public static boolean unlink(final String name)
    {
        return MappedFileMemory.delete(pathOf(name));
    }

    /**
     * @param name a name.
     * @return its file: {@code /dev/shm/ringline-event-NAME}.
     */
    public static Path pathOf(final String name)
    {
        return SyncNames.objectPath(KIND, name);
    }

    /**
     * @return the event count, valid until {@link #close()}.
     */
    public EventCount event()
    {
        return event;
    }

    @Override
    public String toString()
    {
        return "NamedEventCount{file=" + memory.path() + " " + event + "}";
    }
}
