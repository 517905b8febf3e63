package io.ringline.sync;

/**
 * The outcome of {@link RobustMutex#lock()} and its try variants.
 */
public enum LockResult
{
    /** The caller holds the mutex, and the state it protects is consistent. */
    ACQUIRED,

    /**
     * The caller holds the mutex, but a previous owner died while holding it (or a later owner released it without
     * calling {@link RobustMutex#markConsistent()}): the state it protects may be half-updated. Repair or check it,
     * then call {@link RobustMutex#markConsistent()} before {@link RobustMutex#unlock()}; until then every new owner
     * is told the same. Like {@code EOWNERDEAD} from a {@code PTHREAD_MUTEX_ROBUST} mutex.
     */
    ACQUIRED_OWNER_DIED,

    /** The mutex is held by a live owner and the caller did not get it: busy, or the timeout passed. */
    NOT_ACQUIRED;

    /**
     * @return true for {@link #ACQUIRED} and {@link #ACQUIRED_OWNER_DIED}: the caller must unlock.
     */
    public boolean isAcquired()
    {
        return NOT_ACQUIRED != this;
    }
}
