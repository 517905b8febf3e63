package io.ringline.tools.doctor;

import io.ringline.os.Futex;
import org.HdrHistogram.Histogram;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The futex wake-up cost: how long after a waker's {@code FUTEX_WAKE} the sleeping thread runs again, which a
 * subscriber waiting with {@code wait=futex} pays on every message that finds it asleep. The sleeper marks itself
 * ready and sleeps on the word ({@link Futex#await}); the waker lets it settle in the kernel for
 * {@value #SETTLE_US} µs, stamps the time, sets the word and wakes it; the sleeper records now minus the stamp. A
 * round where the sleeper had not yet slept (its wait found the word already set) is not counted.
 *
 * <pre>
 *   offset 0    word:  0 while the sleeper may sleep, 1 once woken (the futex word)
 *   offset 64   stamp: System.nanoTime() just before the wake
 *   offset 128  ready: 1 when the sleeper is about to sleep again
 * </pre>
 */
final class FutexProbe
{
    /** How long the waker leaves the sleeper to reach the kernel before waking it. */
    static final long SETTLE_US = 200;

    private static final int WORD_OFFSET = 0;
    private static final int STAMP_OFFSET = 64;
    private static final int READY_OFFSET = 128;
    private static final int LENGTH = 192;
    private static final long SLEEP_LIMIT_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private FutexProbe()
    {
    }

    /**
     * @param sleeperCpu CPU of the thread that sleeps.
     * @param wakerCpu   CPU of the thread that wakes it.
     * @param durationNs how long to run.
     * @param running    false once the process is told to stop.
     * @return each counted wake-up's latency, in nanoseconds.
     * @throws Exception when a thread cannot be pinned or a futex call fails.
     */
    static Histogram measure(
        final int sleeperCpu, final int wakerCpu, final long durationNs, final BooleanSupplier running) throws Exception
    {
        final UnsafeBuffer shared = new UnsafeBuffer(BufferUtil.allocateDirectAligned(LENGTH, 64));
        final Histogram wakeUps = new Histogram(3);
        final long endNs = System.nanoTime() + durationNs;
        final BooleanSupplier goOn = () -> running.getAsBoolean() && System.nanoTime() < endNs;
        PinnedThreads.runPair("futex", sleeperCpu, () -> sleep(shared, goOn, wakeUps), wakerCpu,
            () -> wake(shared, goOn));
        return wakeUps;
    }

    private static void sleep(final UnsafeBuffer shared, final BooleanSupplier goOn, final Histogram wakeUps)
    {
        final Futex futex = new Futex();
        final long word = shared.addressOffset() + WORD_OFFSET;
        while (goOn.getAsBoolean())
        {
            shared.putIntVolatile(WORD_OFFSET, 0);
            shared.putIntVolatile(READY_OFFSET, 1);
            final int result = futex.await(word, 0, SLEEP_LIMIT_NS);
            final long nowNs = System.nanoTime();
            if (result == Futex.WOKEN && shared.getIntVolatile(WORD_OFFSET) == 1)
            {
                wakeUps.recordValue(Math.max(0, nowNs - shared.getLongVolatile(STAMP_OFFSET)));
            }
        }
    }

    private static void wake(final UnsafeBuffer shared, final BooleanSupplier goOn)
    {
        final long word = shared.addressOffset() + WORD_OFFSET;
        while (goOn.getAsBoolean())
        {
            if (shared.getIntVolatile(READY_OFFSET) == 0)
            {
                Thread.yield();
                continue;
            }
            shared.putIntVolatile(READY_OFFSET, 0);
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(SETTLE_US));
            shared.putLongVolatile(STAMP_OFFSET, System.nanoTime());
            shared.putIntVolatile(WORD_OFFSET, 1);
            Futex.wake(word, 1);
        }
        shared.putIntVolatile(WORD_OFFSET, 1);
        Futex.wake(word, 1);
    }
}
