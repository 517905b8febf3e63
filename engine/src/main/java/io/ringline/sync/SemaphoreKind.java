package io.ringline.sync;

/**
 * What a semaphore handle's {@link ProcessSemaphore#release()} does, and what it promises.
 */
public enum SemaphoreKind
{
    /**
     * Counts releases: each {@code release()} adds one, up to the system's maximum (POSIX: {@code SEM_VALUE_MAX},
     * 2^31-1; System V: {@code SEMVMX}, 32767), beyond which it throws.
     */
    COUNTING,

    /**
     * Holds at most one permit: {@code release()} of a semaphore whose value is already 1 does nothing and returns
     * false. The exact promise depends on the implementation: {@link SysVSemaphore} makes "test for zero, then add
     * one" one atomic {@code semop}, so the value never exceeds 1 however many processes release at once;
     * {@link PosixSemaphore} can only read the value and then post, so the value stays at most 1 only while no two
     * releases run at the same time (see its javadoc).
     */
    BINARY,

    /**
     * A {@link #BINARY} System V semaphore whose acquire and release carry {@code SEM_UNDO}: when a process that
     * acquired it exits or is killed without releasing, the kernel releases it. The process that acquires must be
     * the one that releases, through the same handle. The next acquirer is not told that the previous holder died:
     * use {@link RobustMutex} for that. POSIX semaphores have no undo, so they reject this kind.
     */
    MUTEX
}
