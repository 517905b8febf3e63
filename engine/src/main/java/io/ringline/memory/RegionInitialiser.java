package io.ringline.memory;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Writes the initial contents of a newly created region before any other process can open it.
 */
@FunctionalInterface
public interface RegionInitialiser
{
    /**
     * @param buffer the whole new region, zero-filled.
     */
    void initialise(AtomicBuffer buffer);
}
