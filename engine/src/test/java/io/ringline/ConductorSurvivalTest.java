package io.ringline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The conductor thread outlives an error handler that throws: were it to end, this process would write no more
 * heartbeats and every peer would evict it a liveness timeout later, though it runs and polls (issue 14's symptom).
 */
@Timeout(60)
class ConductorSurvivalTest
{
    @Test
    void aThrowingErrorHandlerDoesNotEndTheConductorThread() throws InterruptedException
    {
        final AtomicInteger cycles = new AtomicInteger();
        final Ringline.Context context = new Ringline.Context()
            .heartbeatIntervalMs(10)
            .errorHandler(error ->
            {
                throw new IllegalStateException("the handler fails too", error);
            });
        try (Ringline ringline = Ringline.connect(context))
        {
            ringline.conductor().add(nowNs ->
            {
                cycles.incrementAndGet();
                throw new IllegalStateException("a failing duty");
            });
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (cycles.get() < 5 && System.nanoTime() - deadlineNs < 0)
            {
                Thread.sleep(10);
            }
            assertTrue(cycles.get() >= 5, "the conductor stopped after cycles=" + cycles.get());
        }
    }
}
