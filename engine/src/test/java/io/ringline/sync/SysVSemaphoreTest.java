package io.ringline.sync;

import io.ringline.os.Native;
import io.ringline.process.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What only System V sets have: removal that wakes waiters, SEM_UNDO, an atomic binary release, keys.
 */
@Timeout(30)
class SysVSemaphoreTest
{
    @Test
    void aWaiterWhoseSetIsRemovedGetsAClearErrorNotAHang() throws Exception
    {
        final int key = SyncTestSupport.uniqueKey();
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(key, 2, 0))
        {
            final SysVSemaphore blocking = set.semaphore(0, SemaphoreKind.COUNTING);
            final SysVSemaphore timed = set.semaphore(1, SemaphoreKind.COUNTING);
            final CompletableFuture<Void> blockingWaiter =
                CompletableFuture.runAsync(blocking::acquire, SyncTestSupport.daemon("blocking-waiter"));
            final CompletableFuture<Boolean> timedWaiter = CompletableFuture.supplyAsync(
                () -> timed.tryAcquire(60, TimeUnit.SECONDS), SyncTestSupport.daemon("timed-waiter"));
            while (blocking.waiters() < 1 || timed.waiters() < 1)
            {
                Thread.sleep(1);
            }

            assertTrue(set.remove());

            for (final CompletableFuture<?> waiter : new CompletableFuture<?>[]{ blockingWaiter, timedWaiter })
            {
                final ExecutionException ex =
                    assertThrows(ExecutionException.class, () -> waiter.get(10, TimeUnit.SECONDS));
                final SyncException cause = assertInstanceOf(SyncException.class, ex.getCause());
                assertEquals(Native.EIDRM, cause.errno());
                assertTrue(cause.getMessage().contains("key=0x" + Integer.toHexString(key)) &&
                    cause.getMessage().contains("was removed while this process waited on it"), cause.getMessage());
            }

            final SyncException later = assertThrows(SyncException.class, blocking::tryAcquire);
            assertTrue(Native.EINVAL == later.errno() || Native.EIDRM == later.errno(), later.getMessage());
            assertFalse(set.remove(), "already removed");
        }
        finally
        {
            SysVSemaphoreSet.remove(key);
        }
    }

    @Test
    void theKernelGivesBackAMutexPermitWhenItsHolderIsKilledButNotABinaryOne() throws Exception
    {
        final int key = SyncTestSupport.uniqueKey();
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(key, 2, 1);
            ChildProcess child = ChildProcess.startJvm(HoldChild.class, Integer.toString(key)))
        {
            child.awaitLine("held", 20_000);
            final SysVSemaphore mutex = set.semaphore(0, SemaphoreKind.MUTEX);
            final SysVSemaphore binary = set.semaphore(1, SemaphoreKind.BINARY);
            assertEquals(0, mutex.value());
            assertEquals(0, binary.value());

            child.kill();

            assertEquals(1, mutex.value(), "SEM_UNDO: the kernel released it when the holder died");
            assertEquals(0, binary.value(), "no SEM_UNDO: the permit died with its holder");
            assertTrue(mutex.tryAcquire(5, TimeUnit.SECONDS));
            assertTrue(mutex.release());
        }
        finally
        {
            SysVSemaphoreSet.remove(key);
        }
    }

    @Test
    void aMutexSemaphoreIsReleasedOnlyByItsAcquirer()
    {
        final int key = SyncTestSupport.uniqueKey();
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(key, 1, 1))
        {
            final SysVSemaphore mutex = set.semaphore(0, SemaphoreKind.MUTEX);
            final IllegalStateException ex = assertThrows(IllegalStateException.class, mutex::release);
            assertTrue(ex.getMessage().contains("kind=MUTEX released without an acquire"), ex.getMessage());
            assertEquals(1, mutex.value());

            mutex.acquire();
            assertFalse(mutex.tryAcquire());
            assertTrue(mutex.release());
            assertEquals(1, mutex.value());
        }
        finally
        {
            SysVSemaphoreSet.remove(key);
        }
    }

    @Test
    void aBinaryReleaseIsAtomicSoConcurrentReleasersNeverRaiseTheValueAboveOne() throws Exception
    {
        final int key = SyncTestSupport.uniqueKey();
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(key, 1, 0))
        {
            final SysVSemaphore semaphore = set.semaphore(0, SemaphoreKind.BINARY);
            final int releasers = 3;
            final int rounds = 2_000;
            final AtomicInteger releasedThisRound = new AtomicInteger();
            final AtomicReference<String> failure = new AtomicReference<>();
            // Each round: the value is 0, all releasers release at once, exactly one of them may succeed.
            final CyclicBarrier barrier = new CyclicBarrier(releasers, () ->
            {
                final int value = semaphore.value();
                if ((value != 1 || releasedThisRound.get() != 1) && null == failure.get())
                {
                    failure.set("value=" + value + " successfulReleases=" + releasedThisRound.get());
                }
                semaphore.tryAcquire();
                releasedThisRound.set(0);
            });
            final List<CompletableFuture<Void>> threads = new ArrayList<>();
            for (int t = 0; t < releasers; t++)
            {
                threads.add(CompletableFuture.runAsync(() ->
                {
                    try
                    {
                        for (int round = 0; round < rounds; round++)
                        {
                            if (semaphore.release())
                            {
                                releasedThisRound.incrementAndGet();
                            }
                            barrier.await(20, TimeUnit.SECONDS);
                        }
                    }
                    catch (final Exception ex)
                    {
                        throw new IllegalStateException(ex);
                    }
                }, SyncTestSupport.daemon("releaser")));
            }
            CompletableFuture.allOf(threads.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
            assertNull(failure.get());
            assertEquals(0, semaphore.value());
        }
        finally
        {
            SysVSemaphoreSet.remove(key);
        }
    }

    @Test
    void keysCountsAndValuesAreChecked()
    {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SysVSemaphoreSet.create(0, 1, 0));
        assertTrue(ex.getMessage().contains("key=0 is IPC_PRIVATE"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> SysVSemaphoreSet.create(1234, 0, 0));
        assertTrue(ex.getMessage().contains("count=0"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> SysVSemaphoreSet.create(1234, 1, 40_000));
        assertTrue(ex.getMessage().contains("initialValue=40000"), ex.getMessage());

        final int key = SyncTestSupport.uniqueKey();
        SyncException missing = assertThrows(SyncException.class, () -> SysVSemaphoreSet.open(key));
        assertEquals(Native.ENOENT, missing.errno());
        assertTrue(missing.getMessage().contains("key=0x" + Integer.toHexString(key) + " does not exist"),
            missing.getMessage());
        assertFalse(SysVSemaphoreSet.remove(key));

        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(key, 2, Native.SEMVMX))
        {
            final SyncException exists = assertThrows(SyncException.class, () -> SysVSemaphoreSet.create(key, 2, 0));
            assertEquals(Native.EEXIST, exists.errno());

            final SyncException tooSmall =
                assertThrows(SyncException.class, () -> SysVSemaphoreSet.openOrCreate(key, 3, 0));
            assertTrue(tooSmall.getMessage().contains("count=2 but required=3"), tooSmall.getMessage());

            try (SysVSemaphoreSet opened = SysVSemaphoreSet.openOrCreate(key, 2, 0))
            {
                assertFalse(opened.isCreator());
                assertEquals(set.id(), opened.id());
                assertEquals(2, opened.count(), "count read back from the kernel");
                assertEquals(Native.SEMVMX, opened.semaphore(1, SemaphoreKind.COUNTING).value(),
                    "the creator's value");
            }

            final SyncException overflow = assertThrows(SyncException.class,
                () -> set.semaphore(0, SemaphoreKind.COUNTING).release());
            assertEquals(Native.ERANGE, overflow.errno());
            assertTrue(overflow.getMessage().contains("SEMVMX=32767"), overflow.getMessage());

            assertThrows(IndexOutOfBoundsException.class, () -> set.semaphore(2, SemaphoreKind.COUNTING));
        }
        finally
        {
            assertTrue(SysVSemaphoreSet.remove(key));
        }
    }

    @Test
    void aSetWhoseCreatorNeverInitialisedItIsReportedNotWaitedOnForever()
    {
        final int key = SyncTestSupport.uniqueKey();
        // What a creator that died between semget and its first semop leaves behind.
        final int id = Native.libc().semget(key, 1, Native.IPC_CREAT | Native.IPC_EXCL | 0600);
        assertTrue(id >= 0, Native.describe(Native.errno()));
        try
        {
            final SyncException ex = assertThrows(SyncException.class, () -> SysVSemaphoreSet.open(key));
            assertTrue(ex.getMessage().contains("was never initialised") && ex.getMessage().contains("ipcrm -s " + id),
                ex.getMessage());
        }
        finally
        {
            assertTrue(SysVSemaphoreSet.remove(key));
        }
    }

    /**
     * Child: acquires semaphore 0 of set KEY as a MUTEX and semaphore 1 as BINARY, prints "held", sleeps.
     */
    public static final class HoldChild
    {
        /**
         * @param args the key.
         * @throws InterruptedException never: it is killed.
         */
        public static void main(final String[] args) throws InterruptedException
        {
            final SysVSemaphoreSet set = SysVSemaphoreSet.open(Integer.parseInt(args[0]));
            set.semaphore(0, SemaphoreKind.MUTEX).acquire();
            set.semaphore(1, SemaphoreKind.BINARY).acquire();
            System.out.println("held");
            Thread.sleep(60_000);
        }
    }
}
