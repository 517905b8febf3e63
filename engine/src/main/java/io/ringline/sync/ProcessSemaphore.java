package io.ringline.sync;

import java.util.concurrent.TimeUnit;

/**
 * A semaphore that processes on one host share: {@link PosixSemaphore} (named, {@code sem_open(3)}) or
 * {@link SysVSemaphore} (a member of a System V set, {@code semget(2)}).
 *
 * <p>Expected outcomes are return values: a permit not available in time is {@code false}, a binary semaphore that
 * is already released is {@code false}. Errors are {@link SyncException}s naming the semaphore and the errno: the
 * object was removed while in use, a value would overflow, a handle is used after {@link #close()}
 * ({@link IllegalStateException}).
 *
 * <p>Waits retry after a signal interrupts them ({@code EINTR}) with the time that remains, never the whole timeout
 * again. They do not respond to {@link Thread#interrupt()}: use a timed wait where a thread must be able to give
 * up. Waiters are woken in no promised order: there is no fairness between processes.
 *
 * <p>A handle is safe to use from many threads. {@link #close()} must not race with other calls on the same handle.
 */
public interface ProcessSemaphore extends AutoCloseable
{
    /**
     * @return what {@link #release()} promises.
     */
    SemaphoreKind kind();

    /**
     * Takes a permit if one is available now.
     *
     * @return true when a permit was taken.
     */
    boolean tryAcquire();

    /**
     * Takes a permit, waiting at most the timeout for one. A timeout of zero or less is {@link #tryAcquire()}.
     *
     * @param timeout longest wait.
     * @param unit    unit of the timeout.
     * @return true when a permit was taken, false when the time passed first.
     */
    boolean tryAcquire(long timeout, TimeUnit unit);

    /**
     * Takes a permit, waiting as long as it takes.
     */
    void acquire();

    /**
     * Adds a permit and wakes a waiter.
     *
     * @return true when the value went up; false only for a {@link SemaphoreKind#BINARY} or
     * {@link SemaphoreKind#MUTEX} semaphore that already held its one permit.
     */
    boolean release();

    /**
     * Adds permits until the value is {@code value}, so that that many waiters can each take one, without piling up
     * permits that nobody waited for: a waker that knows how many sleep calls this instead of {@link #release()}.
     * Reading the value and adding to it are separate calls, so two that race may together add more; a waiter that
     * takes a permit meanwhile leaves fewer. Allocates nothing.
     *
     * @param value the value to reach, 1 or more; beyond the system's maximum it is capped there.
     * @return how many permits this call added.
     */
    int releaseUpTo(int value);

    /**
     * @return the current value: the permits available now (a snapshot, stale as soon as it is returned).
     */
    int value();

    /**
     * Releases this process's handle; the semaphore itself stays until it is unlinked or removed. Idempotent.
     */
    @Override
    void close();
}
