package io.ringline.tools.cpu;

import io.ringline.perf.CpuPinning;

/**
 * The CPUs this process may use and pinning a thread to one of them: the one place where {@code doctor} and
 * {@code hiccup} reach the native affinity calls ({@code sched_getaffinity}, {@code sched_setaffinity}).
 */
public final class ThreadAffinity
{
    private ThreadAffinity()
    {
    }

    /**
     * @return the CPUs the calling thread may run on, ascending.
     */
    public static int[] allowedCpus()
    {
        return CpuPinning.allowedCpus();
    }

    /**
     * Pins the calling thread, and only it, to one CPU.
     *
     * @param cpu a CPU from {@link #allowedCpus()}.
     * @throws IllegalStateException when the kernel refuses.
     */
    public static void pinThisThread(final int cpu)
    {
        CpuPinning.pinThisThread(cpu);
    }
}
