package io.ringline.perf;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.util.Arrays;
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
 * Children are started under {@code taskset -c N}; the ping thread pins itself with {@code sched_setaffinity}. A
 * child that is itself the ping side (the C peers) is placed where the ping thread would be.
 *
 * <p>The same three moves, {@link #allowedCpus()}, {@link #pinThisThread(int)} and {@link #taskset(int)}, place the
 * command line's {@code ringline ping}, {@code pong} and {@code throughput}.
 */
public final class CpuPinning
{
    /**
     * The one libc call needed.
     */
    public interface Affinity
    {
        /**
         * {@code sched_setaffinity(2)}.
         *
         * @param pid  0 for the calling thread.
         * @param size bytes of the mask.
         * @param mask the CPU set.
         * @return 0 or -1.
         */
        int sched_setaffinity(int pid, long size, Pointer mask);

        /**
         * {@code sched_getaffinity(2)}.
         *
         * @param pid  0 for the calling thread.
         * @param size bytes of the mask.
         * @param mask receives the CPU set.
         * @return 0 or -1 (glibc's wrapper).
         */
        int sched_getaffinity(int pid, long size, Pointer mask);
    }

    private static final int MASK_BYTES = 128;

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
                pinThisThread(0);
                childPrefix = taskset(1);
                pingPrefix = taskset(0);
                return;
            case "same":
                pinThisThread(0);
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
     * @param cpu a CPU number.
     * @return the command words that start a process, all its threads, on that CPU: {@code taskset -c cpu}.
     */
    public static List<String> taskset(final int cpu)
    {
        return List.of("taskset", "-c", Integer.toString(cpu));
    }

    /**
     * Pins the calling thread (only it: threads the JVM started earlier stay where they are).
     *
     * @param cpu the CPU.
     * @throws IllegalStateException if the kernel refuses, e.g. a CPU this process may not use.
     */
    public static void pinThisThread(final int cpu)
    {
        if (cpu < 0 || cpu >= MASK_BYTES * Byte.SIZE)
        {
            throw new IllegalArgumentException("cpu=" + cpu + " must be in [0, " + MASK_BYTES * Byte.SIZE + ")");
        }
        final Affinity affinity = AffinityHolder.AFFINITY;
        final Pointer mask = Memory.allocateDirect(Runtime.getRuntime(affinity), MASK_BYTES);
        mask.putByte(cpu / Byte.SIZE, (byte)(1 << (cpu % Byte.SIZE)));
        if (affinity.sched_setaffinity(0, MASK_BYTES, mask) != 0)
        {
            throw new IllegalStateException("sched_setaffinity cpu=" + cpu + " failed (a CPU this process may use? " +
                "allowed=" + Arrays.toString(allowedCpus()) + ")");
        }
    }

    /**
     * @return the CPUs the calling thread may run on, ascending ({@code sched_getaffinity}).
     */
    public static int[] allowedCpus()
    {
        final Affinity affinity = AffinityHolder.AFFINITY;
        final Pointer mask = Memory.allocateDirect(Runtime.getRuntime(affinity), MASK_BYTES);
        if (affinity.sched_getaffinity(0, MASK_BYTES, mask) != 0)
        {
            throw new IllegalStateException("sched_getaffinity failed");
        }
        final int[] cpus = new int[MASK_BYTES * Byte.SIZE];
        int count = 0;
        for (int cpu = 0; cpu < cpus.length; cpu++)
        {
            if ((mask.getByte(cpu / Byte.SIZE) & (1 << (cpu % Byte.SIZE))) != 0)
            {
                cpus[count++] = cpu;
            }
        }
        return Arrays.copyOf(cpus, count);
    }

    private static final class AffinityHolder
    {
        static final Affinity AFFINITY = LibraryLoader.create(Affinity.class).load("c");
    }
}
