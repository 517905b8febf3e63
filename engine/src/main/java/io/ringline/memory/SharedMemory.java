package io.ringline.memory;

import org.agrona.concurrent.AtomicBuffer;

/**
 * A region of memory shared between processes, mapped into this one: a file under /dev/shm, a memory-mapped file,
 * or a System V segment. Closing it unmaps or detaches it; the object itself stays until it is removed.
 */
public interface SharedMemory extends AutoCloseable
{
    /**
     * @return a buffer over the whole region.
     */
    AtomicBuffer buffer();

    /**
     * @return true when this process created the region (and initialised it before anyone else could see it).
     */
    boolean isCreator();

    /**
     * @return what the region is, for messages: a path or a System V key and id.
     */
    String description();

    /**
     * Removes the underlying object so that no new process can open it; mapped views stay valid until closed.
     */
    void unlink();

    /**
     * Unmaps or detaches the region. Idempotent.
     */
    @Override
    void close();
}
