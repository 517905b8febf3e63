package io.ringline.sync;

import io.ringline.memory.MappedFileMemory;

import java.nio.file.Path;

/**
 * What a synchronisation object in its own named /dev/shm file has whatever it is ({@link NamedRobustMutex},
 * {@link NamedEventCount}): its name, its mapped file, and the unlink and close that go with them.
 */
abstract class NamedSyncObject implements AutoCloseable
{
    private final String name;
    final MappedFileMemory memory;

    NamedSyncObject(final String name, final MappedFileMemory memory)
    {
        this.name = name;
        this.memory = memory;
    }

    /**
     * @return the name, without prefix.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the file.
     */
    public Path path()
    {
        return memory.path();
    }

    /**
     * @return true when this call created the file.
     */
    public boolean isCreator()
    {
        return memory.isCreator();
    }

    /**
     * Removes the file's name; this mapping stays usable until closed, and processes that have it open keep sharing
     * the old object.
     *
     * @return true when the file still existed.
     */
    public boolean unlink()
    {
        return MappedFileMemory.delete(memory.path());
    }

    /**
     * Unmaps the file. Idempotent.
     */
    @Override
    public void close()
    {
        memory.close();
    }
}
