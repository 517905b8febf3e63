package io.ringline.test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Measures the bytes this thread allocates while an action runs, the way the zero-allocation tests prove a hot path
 * allocates nothing. A window of exactly 0 bytes is the proof. A window may rarely show a few hundred bytes that are
 * not the hot path's: the JIT's deoptimisation materialises scalar-replaced objects on the heap. So up to three
 * windows are measured, stopping at the first 0; an allocation per message (or per poll) can never give a window of 0.
 */
public final class AllocationWindows
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private AllocationWindows()
    {
    }

    /**
     * @param action the work to measure, run once per window.
     * @return the bytes allocated in each window run; the last is 0 when the action allocates nothing.
     */
    public static long[] measure(final Runnable action)
    {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled())
        {
            throw new IllegalStateException("this JVM does not count the bytes a thread allocates");
        }
        final long[] windows = new long[3];
        int measured = 0;
        do
        {
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            action.run();
            windows[measured] = THREADS.getCurrentThreadAllocatedBytes() - before;
        }
        while (windows[measured++] != 0 && measured < windows.length);
        return Arrays.copyOf(windows, measured);
    }
}
