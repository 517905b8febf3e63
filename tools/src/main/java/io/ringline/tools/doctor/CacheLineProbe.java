package io.ringline.tools.doctor;

import org.HdrHistogram.Histogram;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.function.BooleanSupplier;

/**
 * The cross-core cache-line round trip: the floor under any shared-memory round trip between two CPUs. One thread
 * writes a counter into its cache line, the other sees it and writes it back into its own; each round trip moves two
 * cache lines across. Round trips are timed in batches of {@value #BATCH} (a clock read costs about as much as what is
 * measured) and each batch's mean goes into the histogram; the first quarter of the run is warm-up.
 *
 * <pre>
 *   offset 0    ping: the counter the first thread writes     (its own 128-byte line pair)
 *   offset 128  pong: the counter the second thread echoes
 * </pre>
 */
final class CacheLineProbe
{
    /** Round trips per clock read. */
    static final int BATCH = 100;

    private static final int PING_OFFSET = 0;
    private static final int PONG_OFFSET = 128;
    private static final int LENGTH = 256;
    private static final long STOPPED = -1;
    private static final int SPINS_BETWEEN_CLOCK_READS = 1024;
    private static final long GIVE_UP_AFTER_NS = 1_000_000_000L;

    private CacheLineProbe()
    {
    }

    /**
     * @param pingCpu    CPU of the thread that times.
     * @param pongCpu    CPU of the thread that echoes.
     * @param durationNs how long to run, warm-up included.
     * @param running    false once the process is told to stop.
     * @return the mean round trip of each batch, in nanoseconds.
     * @throws Exception when a thread cannot be pinned.
     */
    static Histogram measure(final int pingCpu, final int pongCpu, final long durationNs, final BooleanSupplier running)
        throws Exception
    {
        final UnsafeBuffer lines = new UnsafeBuffer(BufferUtil.allocateDirectAligned(LENGTH, LENGTH));
        final Histogram roundTrips = new Histogram(3);
        PinnedThreads.runPair("cache-line", pingCpu, () -> ping(lines, durationNs, running, roundTrips),
            pongCpu, () -> pong(lines, System.nanoTime() + durationNs + GIVE_UP_AFTER_NS));
        return roundTrips;
    }

    private static void ping(
        final UnsafeBuffer lines, final long durationNs, final BooleanSupplier running, final Histogram roundTrips)
    {
        final long startNs = System.nanoTime();
        final long recordFromNs = startNs + durationNs / 4;
        final long endNs = startNs + durationNs;
        long counter = 0;
        try
        {
            long batchStartNs = System.nanoTime();
            while (running.getAsBoolean())
            {
                for (int i = 0; i < BATCH; i++)
                {
                    lines.putLongRelease(PING_OFFSET, ++counter);
                    if (!awaitEcho(lines, counter, endNs))
                    {
                        return;
                    }
                }
                final long nowNs = System.nanoTime();
                if (nowNs >= recordFromNs)
                {
                    roundTrips.recordValue((nowNs - batchStartNs) / BATCH);
                }
                if (nowNs >= endNs)
                {
                    return;
                }
                batchStartNs = nowNs;
            }
        }
        finally
        {
            lines.putLongRelease(PING_OFFSET, STOPPED);
        }
    }

    private static boolean awaitEcho(final UnsafeBuffer lines, final long counter, final long endNs)
    {
        int spins = 0;
        while (lines.getLongVolatile(PONG_OFFSET) != counter)
        {
            if (++spins == SPINS_BETWEEN_CLOCK_READS)
            {
                spins = 0;
                if (System.nanoTime() >= endNs)
                {
                    return false;
                }
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /** Echoes until the ping side stops, or, should that side never have started, until the deadline. */
    private static void pong(final UnsafeBuffer lines, final long deadlineNs)
    {
        long seen = 0;
        int spins = 0;
        while (true)
        {
            final long counter = lines.getLongVolatile(PING_OFFSET);
            if (counter == STOPPED)
            {
                return;
            }
            if (counter != seen)
            {
                seen = counter;
                lines.putLongRelease(PONG_OFFSET, counter);
            }
            else
            {
                if (++spins == SPINS_BETWEEN_CLOCK_READS)
                {
                    spins = 0;
                    if (System.nanoTime() >= deadlineNs)
                    {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
    }
}
