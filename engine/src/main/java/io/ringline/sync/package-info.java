/**
 * Synchronisation between processes on one host: semaphores, a mutex that survives its owner's death, and an event
 * that cannot lose a wake-up.
 *
 * <pre>{@code
 * // A counting semaphore another process can open by name (/dev/shm/sem.ringline-jobs).
 * try (PosixSemaphore jobs = PosixSemaphore.openOrCreate("jobs", 0))
 * {
 *     jobs.release();
 *     boolean got = jobs.tryAcquire(1, TimeUnit.SECONDS);
 *     jobs.unlink();
 * }
 *
 * // A mutex whose next owner is told when the previous one died holding it (/dev/shm/ringline-mutex-orders).
 * try (NamedRobustMutex named = NamedRobustMutex.openOrCreate("orders"))
 * {
 *     RobustMutex mutex = named.mutex();
 *     if (mutex.lock() == LockResult.ACQUIRED_OWNER_DIED)
 *     {
 *         mutex.markConsistent();               // after repairing what the dead owner protected
 *     }
 *     mutex.unlock();
 *     named.unlink();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.ringline.sync.PosixSemaphore}: a named POSIX semaphore, counting or binary.</li>
 *   <li>{@link io.ringline.sync.SysVSemaphoreSet} and {@link io.ringline.sync.SysVSemaphore}: a System V set by key;
 *       an atomic binary release, {@code SEM_UNDO} for mutex use, removal that wakes every waiter.</li>
 *   <li>{@link io.ringline.sync.RobustMutex} ({@link io.ringline.sync.RobustMutexDescriptor}): a futex mutex in
 *       shared memory, owned by a thread, taken over from a dead owner with
 *       {@link io.ringline.sync.LockResult#ACQUIRED_OWNER_DIED}.</li>
 *   <li>{@link io.ringline.sync.EventCount} ({@link io.ringline.sync.EventCountDescriptor}): an eventcount; a signal
 *       after the waiter read the sequence always ends its wait.</li>
 *   <li>{@link io.ringline.sync.NamedRobustMutex} and {@link io.ringline.sync.NamedEventCount}: each in its own file
 *       in /dev/shm ({@link io.ringline.sync.SyncFileDescriptor}).</li>
 * </ul>
 *
 * <p>Names follow {@link io.ringline.sync.SyncNames}. Objects are owner-only (0600) unless a mode is given, and get
 * exactly that mode whatever the umask. Expected outcomes (no permit in time, a busy mutex) are return values;
 * failures are {@link io.ringline.sync.SyncException}s with the errno and a {@code name=value} message. See
 * {@code docs/sync.md}.
 */
package io.ringline.sync;
