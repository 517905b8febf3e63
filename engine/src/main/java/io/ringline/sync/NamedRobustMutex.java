package io.ringline.sync;

import io.ringline.memory.MappedFileMemory;

import java.nio.file.Path;

/**
 * A {@link RobustMutex} in its own named file, {@code /dev/shm/ringline-mutex-NAME}, for processes that share
 * nothing else. The file's layout is drawn in {@link SyncFileDescriptor}.
 *
 * <pre>{@code
 * try (NamedRobustMutex named = NamedRobustMutex.openOrCreate("orders"))
 * {
 *     final RobustMutex mutex = named.mutex();
 *     if (mutex.lock() == LockResult.ACQUIRED_OWNER_DIED)
 *     {
 *         mutex.markConsistent();          // after checking what the dead owner protected
 *     }
 *     try { ... } finally { mutex.unlock(); }
 * }
 * NamedRobustMutex.unlink("orders");       // when no process needs it any more
 * }</pre>
 *
 * <p>{@link #close()} unmaps the file: the {@link #mutex()} flyweight must not be used after it, nor while it runs.
 * {@link #unlink()} removes the name: processes that have it open keep sharing the old mutex, and a later
 * {@code openOrCreate} makes a new one, so unlink only when every user is done.
 */
public final class NamedRobustMutex extends NamedSyncObject
{
    private static final String KIND = "mutex";

    private final RobustMutex mutex;

    private NamedRobustMutex(final String name, final MappedFileMemory memory)
    {
        super(name, memory);
        this.mutex = new RobustMutex().wrap(memory.buffer(), SyncFileDescriptor.OBJECT_OFFSET);
    }

    /**
     * Opens the named mutex, creating an owner-only (0600) one when it does not exist.
     *
     * @param name 1..200 characters of {@code [A-Za-z0-9_.-]}.
     * @return the mutex.
     */
    public static NamedRobustMutex openOrCreate(final String name)
    {
        return openOrCreate(name, 0600);
    }

    /**
     * Opens the named mutex, creating it with this mode when it does not exist.
     *
     * @param name 1..200 characters of {@code [A-Za-z0-9_.-]}.
     * @param mode permission bits of a new file, set exactly whatever the umask.
     * @return the mutex.
     */
    public static NamedRobustMutex openOrCreate(final String name, final int mode)
    {
        return new NamedRobustMutex(name, SyncFile.openOrCreate(pathOf(name), SyncFileDescriptor.TYPE_MUTEX, mode));
    }

    /**
     * Opens an existing named mutex.
     *
     * @param name its name.
     * @return the mutex.
     * @throws SyncException with {@code ENOENT} when it does not exist, {@code EINVAL} when the file holds
     * something else.
     */
    public static NamedRobustMutex open(final String name)
    {
        return new NamedRobustMutex(name, SyncFile.open(pathOf(name), SyncFileDescriptor.TYPE_MUTEX));
    }

    /**
     * Removes a named mutex's file if it exists.
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
     * @return its file: {@code /dev/shm/ringline-mutex-NAME}.
     */
    public static Path pathOf(final String name)
    {
        return SyncNames.objectPath(KIND, name);
    }

    /**
     * @return the mutex, valid until {@link #close()}.
     */
    public RobustMutex mutex()
    {
        return mutex;
    }

    @Override
    public String toString()
    {
        return "NamedRobustMutex{file=" + memory.path() + " " + mutex + "}";
    }
}
