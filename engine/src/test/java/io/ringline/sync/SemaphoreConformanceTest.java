package io.ringline.sync;

import io.ringline.os.Native;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One suite, both semaphore implementations: what every {@link ProcessSemaphore} must do, across real processes.
 */
@Timeout(30)
class SemaphoreConformanceTest
{
    @ParameterizedTest
    @EnumSource(SemaphoreBackend.class)
    void permitsReleasedByAnotherProcessAreCountedAndAReleaseWakesABlockedProcess(final SemaphoreBackend backend)
        throws Exception
    {
        final String id = backend.newId();
        try (ProcessSemaphore semaphore = backend.create(id, 0, 0600, SemaphoreKind.COUNTING);
            ChildProcess child = ChildProcess.startJvm(SemaphoreBackend.Child.class, backend.name(), id, "post-then-acquire"))
        {
            child.awaitLine("posted", 20_000);
            assertEquals(3, semaphore.value());
            assertTrue(semaphore.tryAcquire());
            assertTrue(semaphore.tryAcquire(1, TimeUnit.SECONDS));
            assertTrue(semaphore.tryAcquire());
            assertFalse(semaphore.tryAcquire(), "three posted, three taken");
            assertEquals(0, semaphore.value());

            child.process().getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            child.process().getOutputStream().flush();
            child.awaitLine("acquiring", 20_000);
            Thread.sleep(100); // most likely asleep in the kernel by now; correct either way
            assertTrue(semaphore.release());
            child.awaitLine("acquired", 20_000);
            assertEquals(0, child.awaitExitCode(20_000), child.output());
            assertEquals(0, semaphore.value(), "the child took the permit");
        }
        finally
        {
            assertTrue(backend.destroy(id));
        }
    }

    @ParameterizedTest
    @EnumSource(SemaphoreBackend.class)
    void aWaitWithoutAPermitReturnsFalse(final SemaphoreBackend backend)
    {
        final String id = backend.newId();
        try (ProcessSemaphore semaphore = backend.create(id, 0, 0600, SemaphoreKind.COUNTING))
        {
            assertFalse(semaphore.tryAcquire());
            assertFalse(semaphore.tryAcquire(0, TimeUnit.MILLISECONDS));
            assertFalse(semaphore.tryAcquire(-5, TimeUnit.SECONDS));
            assertFalse(semaphore.tryAcquire(200, TimeUnit.MILLISECONDS));
            assertTrue(semaphore.release());
            assertTrue(semaphore.tryAcquire(200, TimeUnit.MILLISECONDS), "a permit is there: no waiting");
        }
        finally
        {
            backend.destroy(id);
        }
    }

    @ParameterizedTest
    @EnumSource(SemaphoreBackend.class)
    void aBinarySemaphoreHoldsAtMostOnePermit(final SemaphoreBackend backend)
    {
        final String id = backend.newId();
        try (ProcessSemaphore semaphore = backend.create(id, 0, 0600, SemaphoreKind.BINARY))
        {
            assertEquals(SemaphoreKind.BINARY, semaphore.kind());
            assertTrue(semaphore.release());
            assertFalse(semaphore.release(), "already released");
            assertFalse(semaphore.release());
            assertEquals(1, semaphore.value());
            assertTrue(semaphore.tryAcquire());
            assertFalse(semaphore.tryAcquire());
            assertTrue(semaphore.release());
        }
        finally
        {
            backend.destroy(id);
        }
    }

    @ParameterizedTest
    @EnumSource(SemaphoreBackend.class)
    void waitsInterruptedBySignalsAreRetried(final SemaphoreBackend backend) throws Exception
    {
        final String id = backend.newId();
        try (ProcessSemaphore semaphore = backend.create(id, 0, 0600, SemaphoreKind.COUNTING);
            SyncTestSupport.Interrupter interrupter = new SyncTestSupport.Interrupter())
        {
            // Blocking acquire: three signals, each while it sleeps in the kernel, then a permit.
            final AtomicInteger tid = new AtomicInteger();
            final CompletableFuture<Boolean> blocking = CompletableFuture.supplyAsync(() ->
            {
                assertFalse(semaphore.tryAcquire()); // loads everything before the wait that matters
                tid.set(tidOrFail());
                semaphore.acquire();
                return true;
            }, SyncTestSupport.daemon("sem-waiter"));
            interrupter.interruptThreeTimes(tid, blocking);
            semaphore.release();
            assertTrue(blocking.get(20, TimeUnit.SECONDS));

            // Timed acquire: interrupted, it keeps waiting for the rest of its time and then reports a timeout.
            final AtomicInteger timedTid = new AtomicInteger();
            final CompletableFuture<Boolean> timed = CompletableFuture.supplyAsync(() ->
            {
                assertFalse(semaphore.tryAcquire());
                timedTid.set(tidOrFail());
                return semaphore.tryAcquire(2, TimeUnit.SECONDS);
            }, SyncTestSupport.daemon("sem-timed-waiter"));
            interrupter.interruptThreeTimes(timedTid, timed);
            assertFalse(timed.get(20, TimeUnit.SECONDS), "no permit came: a timeout, not an error");
        }
        finally
        {
            backend.destroy(id);
        }
    }

    @ParameterizedTest
    @EnumSource(SemaphoreBackend.class)
    void openingWithoutPermissionIsAClearError(final SemaphoreBackend backend) throws Exception
    {
        SyncTestSupport.assumeSetprivWorks();
        final String id = backend.newId();
        try (ProcessSemaphore semaphore = backend.create(id, 0, 0, SemaphoreKind.COUNTING);
            ChildProcess child = ChildProcess.startLogged(JavaCommand.of(
                SemaphoreBackend.Child.class, backend.name(), id, "try-open").options(JavaCommand.SMALL_HEAP)
                .wrappedIn(SyncTestSupport.NO_CAPABILITIES)))
        {
            assertEquals(0, child.awaitExitCode(20_000), child.output());
            final String output = child.output();
            assertTrue(output.contains("failed errno=" + Native.EACCES), output);
            assertTrue(output.contains("Permission denied") && output.contains("permission denied"), output);
            final String named = SemaphoreBackend.POSIX == backend ?
                "semaphore=/ringline-" + id : "key=0x" + Integer.toHexString(Integer.parseInt(id));
            assertTrue(output.contains(named), output);
        }
        finally
        {
            backend.destroy(id);
        }
    }

    @ParameterizedTest
    @EnumSource(SemaphoreBackend.class)
    void aClosedHandleRefusesToBeUsed(final SemaphoreBackend backend)
    {
        final String id = backend.newId();
        try
        {
            final ProcessSemaphore semaphore = backend.create(id, 1, 0600, SemaphoreKind.COUNTING);
            semaphore.close();
            semaphore.close();
            final IllegalStateException ex = assertThrows(IllegalStateException.class, semaphore::tryAcquire);
            assertTrue(ex.getMessage().contains("closed"), ex.getMessage());
            assertThrows(IllegalStateException.class, semaphore::release);
        }
        finally
        {
            assertTrue(backend.destroy(id));
        }
    }

    private static int tidOrFail()
    {
        try
        {
            return SyncTestSupport.currentTid();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }
}
