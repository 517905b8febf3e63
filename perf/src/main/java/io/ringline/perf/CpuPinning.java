package io.ringline.perf;

import io.ringline.os.CpuAffinity;

import java.util.List;

/**
 * Where the benchmark's processes run, the {@code pin=} setting. On a 2-vCPU virtual machine placement decides a
 * sleeping round trip more than any code does (a wake-up on the same core costs a few microseconds, one across cores
 * tens of microseconds while the other vCPU wakes from idle), so peers are only comparable with the same placement.
 *
 * <ul>
 *   <li>{@code none}: the scheduler decides (the default; fine for busy-spinning peers, which keep both cores hot).</li>
 *   <li>{@code split}: the harness's ping thread on CPU 0, every child (pong, producer, C program) on CPU 1.</li>
 *   <li>{@code same}: the ping thread and every child on CPU 0 (for sleeping peers: wake-ups without a cross-core
 *   interrupt).</li>
 * </ul>
 * Children are started under {@code taskset -c N}; the ping thread pins itself with
 * {@link CpuAffinity#pinThisThread(int)}. A child that is itself the ping side (the C peers) is placed where the ping
 * thread would be.
 *
 * <p>The same moves, {@link CpuAffinity} and {@link #taskset(int)}, place the command line's {@code ringline ping},
 * {@code pong} and {@code throughput}.
 */
public final class CpuPinning
{
    /**
     * The CPUs this process may use, read when the class loads, before {@link #apply(String)} pins any thread: a
     * child inherits the mask of the thread that starts it, so a helper started from a pinned harness thread would
     * otherwise share that thread's one CPU.
     */
    private static final int[] PROCESS_CPUS = CpuAffinity.allowedCpus();

    private static volatile List<String> childPrefix = List.of();
    private static volatile List<String> pingPrefix = List.of();

    private CpuPinning()
    {
    }

    /**
     * Applies a pinning mode to this thread and to the children started from now on.
     *
     * @param mode none, split or same.
     */
    public static void apply(final String mode)
    {
        switch (mode)
        {
            case "none":
                childPrefix = List.of();
                pingPrefix = List.of();
                return;
            case "split":
                CpuAffinity.pinThisThread(0);
                childPrefix = taskset(1);
                pingPrefix = taskset(0);
                return;
            case "same":
                CpuAffinity.pinThisThread(0);
                childPrefix = taskset(0);
                pingPrefix = childPrefix;
                return;
            default:
                throw new IllegalArgumentException("pin=" + mode + " must be none, split or same");
        }
    }

    /**
     * @return command words to put before a child's command.
     */
    public static List<String> childPrefix()
    {
        return childPrefix;
    }

    /**
     * @return command words to put before a child that plays the harness's ping thread (a C ping), so it runs where
     *         the ping thread would.
     */
    public static List<String> pingPrefix()
    {
        return pingPrefix;
    }

    /**
     * @return command words that start a helper (a media driver) on every CPU the process had before any pinning,
     *         whatever CPU the starting thread is pinned to.
     */
    public static List<String> helperPrefix()
    {
        final StringBuilder cpus = new StringBuilder();
        for (final int cpu : PROCESS_CPUS)
        {
            cpus.append(cpus.length() == 0 ? "" : ",").append(cpu);
        }
        return List.of("taskset", "-c", cpus.toString());
    }

    /**
     * @param cpu a CPU number.
     * @return the command words that start a process, all its threads, on that CPU: {@code taskset -c cpu}.
     */
    public static List<String> taskset(final int cpu)
    {
        return List.of("taskset", "-c", Integer.toString(cpu));
    }
}
