package io.ringline.tools.doctor;

import io.ringline.os.CpuAffinity;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the two sides of a probe, each on a thread of its own pinned to its CPU, and waits for both: the caller's
 * thread stays where it was. A side that throws (the kernel refusing the CPU) fails the probe with its exception.
 */
final class PinnedThreads
{
    private PinnedThreads()
    {
    }

    /**
     * @param name      the probe, for the threads' names.
     * @param firstCpu  CPU of the first side.
     * @param first     the first side.
     * @param secondCpu CPU of the second side.
     * @param second    the second side.
     * @throws Exception the first exception of either side.
     */
    static void runPair(
        final String name, final int firstCpu, final Runnable first, final int secondCpu, final Runnable second)
        throws Exception
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread one = start(name + "-a", firstCpu, first, failure);
        final Thread two = start(name + "-b", secondCpu, second, failure);
        one.join();
        two.join();
        final Throwable thrown = failure.get();
        if (thrown instanceof Exception exception)
        {
            throw exception;
        }
        if (null != thrown)
        {
            throw new IllegalStateException(thrown);
        }
    }

    private static Thread start(
        final String name, final int cpu, final Runnable body, final AtomicReference<Throwable> failure)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                CpuAffinity.pinThisThread(cpu);
                body.run();
            }
            catch (final Throwable ex)
            {
                failure.compareAndSet(null, ex);
            }
        }, "ringline-doctor-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
