package io.ringline.os;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.ref.Reference;
import java.util.Arrays;

/**
 * The CPUs a thread runs on, through {@code sched_setaffinity(2)} and {@code sched_getaffinity(2)}: how the
 * benchmark harness and the latency tools place their measuring thread. Called once per thread, never on a hot path.
 *
 * <p>The mask is a {@code cpu_set_t} of {@link #MASK_BYTES} bytes, one bit per CPU, CPU {@code n} in bit
 * {@code n % 8} of byte {@code n / 8}.
 */
public final class CpuAffinity
{
    /** Bytes of the CPU set passed to the kernel: glibc's {@code cpu_set_t}, 1024 CPUs. */
    public static final int MASK_BYTES = 128;
    /** One more than the highest CPU number a mask holds. */
    public static final int MAX_CPUS = MASK_BYTES * Byte.SIZE;

    private CpuAffinity()
    {
    }

    /**
     * Pins the calling thread (only it: threads the JVM started earlier stay where they are).
     *
     * @param cpu the CPU.
     * @throws IllegalArgumentException when the CPU number is out of range.
     * @throws IllegalStateException    naming the errno and the allowed CPUs when the kernel refuses, e.g. a CPU this
     *                                  process may not use.
     */
    public static void pinThisThread(final int cpu)
    {
        if (cpu < 0 || cpu >= MAX_CPUS)
        {
            throw new IllegalArgumentException("cpu=" + cpu + " must be in [0, " + MAX_CPUS + ")");
        }
        final NativeBuffer mask = new NativeBuffer(MASK_BYTES);
        mask.buffer().putByte(cpu / Byte.SIZE, (byte)(1 << (cpu % Byte.SIZE)));
        final int result = Native.libc().sched_setaffinity(0, MASK_BYTES, mask.address());
        Reference.reachabilityFence(mask);
        if (result != 0)
        {
            throw new IllegalStateException("sched_setaffinity cpu=" + cpu + " failed: " +
                Native.describe(Native.errno()) + " (allowed=" + Arrays.toString(allowedCpus()) + ")");
        }
    }

    /**
     * @return the CPUs the calling thread may run on, ascending.
     * @throws IllegalStateException naming the errno when the kernel does not answer.
     */
    public static int[] allowedCpus()
    {
        final NativeBuffer mask = new NativeBuffer(MASK_BYTES);
        if (Native.libc().sched_getaffinity(0, MASK_BYTES, mask.address()) != 0)
        {
            throw new IllegalStateException("sched_getaffinity failed: " + Native.describe(Native.errno()));
        }
        final UnsafeBuffer bits = mask.buffer();
        final int[] cpus = new int[MAX_CPUS];
        int count = 0;
        for (int cpu = 0; cpu < MAX_CPUS; cpu++)
        {
            if ((bits.getByte(cpu / Byte.SIZE) & (1 << (cpu % Byte.SIZE))) != 0)
            {
                cpus[count++] = cpu;
            }
        }
        return Arrays.copyOf(cpus, count);
    }
}
