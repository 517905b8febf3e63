package io.ringline.sync;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The paths a latency-sensitive caller takes in a loop allocate nothing after warm-up: an uncontended mutex lock and
 * unlock, a signal with nobody waiting, a wait on a sequence that already moved, semaphore try-acquire and release.
 * Measured with {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes} over several windows: a
 * path that allocates on every call shows in all of them, while a one-off allocation of the JVM's own (compilation,
 * deoptimisation after the other tests in this JVM) can only spoil some, so the quietest window must be zero.
 */
@Timeout(30)
class SyncZeroAllocationTest
{
    private static final int WARM_UP = 100_000;
    private static final int WINDOWS = 5;
    private static final int MEASURED = 20_000;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void uncontendedMutexAndEventCountAllocateNothing()
    {
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
        final RobustMutex mutex = new RobustMutex().wrap(buffer, 0);
        final EventCount event = new EventCount().wrap(buffer, 64);

        int acquired = loop(mutex, event, WARM_UP);
        final long[] allocated = new long[WINDOWS];
        for (int window = 0; window < WINDOWS; window++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            acquired += loop(mutex, event, MEASURED);
            allocated[window] = threads.getCurrentThreadAllocatedBytes() - before;
        }

        assertEquals(WARM_UP + WINDOWS * MEASURED, acquired);
        assertEquals(0, Arrays.stream(allocated).min().orElseThrow(), "bytes allocated per window of " + MEASURED +
            " lock/unlock/signal/await rounds: " + Arrays.toString(allocated));
    }

    @Test
    void semaphoreTryAcquireAndReleaseAllocateNothing()
    {
        final String name = SyncTestSupport.uniqueName();
        final int key = SyncTestSupport.uniqueKey();
        try (PosixSemaphore posix = PosixSemaphore.create(name, 0);
            SysVSemaphoreSet set = SysVSemaphoreSet.create(key, 1, 0))
        {
            final SysVSemaphore sysv = set.semaphore(0, SemaphoreKind.BINARY);
            int acquired = loop(posix, sysv, WARM_UP);
            final long[] allocated = new long[WINDOWS];
            for (int window = 0; window < WINDOWS; window++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                acquired += loop(posix, sysv, MEASURED);
                allocated[window] = threads.getCurrentThreadAllocatedBytes() - before;
            }

            assertEquals(2 * (WARM_UP + WINDOWS * MEASURED), acquired);
            assertEquals(0, Arrays.stream(allocated).min().orElseThrow(), "bytes allocated per window of " +
                MEASURED + " release/tryAcquire rounds: " + Arrays.toString(allocated));
        }
        finally
        {
            PosixSemaphore.unlink(name);
            SysVSemaphoreSet.remove(key);
        }
    }

    private static int loop(final RobustMutex mutex, final EventCount event, final int rounds)
    {
        int acquired = 0;
        for (int i = 0; i < rounds; i++)
        {
            if (mutex.lock() == LockResult.ACQUIRED)
            {
                acquired++;
            }
            mutex.unlock();
            final int sequence = event.sequence();
            event.signal();
            if (!event.await(sequence, 1, TimeUnit.SECONDS))
            {
                throw new AssertionError("sequence did not move");
            }
        }
        return acquired;
    }

    private static int loop(final ProcessSemaphore first, final ProcessSemaphore second, final int rounds)
    {
        int acquired = 0;
        for (int i = 0; i < rounds; i++)
        {
            first.release();
            second.release();
            acquired += first.tryAcquire() ? 1 : 0;
            acquired += second.tryAcquire() ? 1 : 0;
        }
        return acquired;
    }
}
