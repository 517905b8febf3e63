package io.ringline.ring;

import io.ringline.Ringline;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.ringline.ring.ConductorStatsDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The conductor's statistics file, driven by hand with an injected clock: cycles, the longest cycle, stalls and
 * the cycle-time histogram as another process reads them; the file goes when the instance closes.
 */
@Timeout(60)
class ConductorStatsTest
{
    @TempDir
    Path dir;

    @Test
    void countsCyclesTheLongestAndStallsAndRemovesItsFile() throws IOException
    {
        final AtomicLong nowNs = new AtomicLong(1_000_000_000L);
        final long intervalNs = 100_000_000L;
        final Ringline.Context context = new Ringline.Context().shmDir(dir.toString()).useConductorThread(false)
            .conductorStats(true).nanoClock(nowNs::get);
        final Path file;
        try (Ringline ringline = Ringline.connect(context))
        {
            ringline.conductor().add((now) ->
            {
                nowNs.addAndGet(now % 2 == 0 ? 2_000 : 3_000_000); // the cycle takes 2 us or 3 ms
                return 0;
            });
            for (int i = 0; i < 10; i++)
            {
                ringline.doWork();
                nowNs.addAndGet(i == 6 ? 5 * intervalNs : intervalNs); // one stall after the seventh cycle
            }

            file = single(dir);
            assertTrue(file.getFileName().toString().startsWith("ringline-conductor-" + ProcessHandle.current().pid()));
            final MappedByteBuffer mapped = IoUtil.mapExistingFile(file.toFile(), "conductor stats");
            try
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
                assertEquals(MAGIC, buffer.getLongVolatile(MAGIC_OFFSET));
                assertEquals(ProcessHandle.current().pid(), buffer.getLong(PID_OFFSET));
                assertEquals(10, buffer.getLongVolatile(CYCLES_OFFSET));
                assertEquals(1, buffer.getLongVolatile(STALLS_OFFSET));
                assertEquals(intervalNs, buffer.getLong(INTERVAL_OFFSET));

                // The conductor does not poll between drains here: drive a cycle while the reader waits.
                final long[] interval = new long[LatencyHistogramDescriptor.COUNTS_LENGTH];
                final long[] totals = new long[LatencyHistogramDescriptor.COUNTS_LENGTH];
                final LatencyHistogramReader reader = new LatencyHistogramReader(buffer, HISTOGRAM_OFFSET);
                final java.util.concurrent.atomic.AtomicBoolean drained = new java.util.concurrent.atomic.AtomicBoolean();
                final Thread cycle = new Thread(() ->
                {
                    while (!drained.get())
                    {
                        ringline.doWork();
                        Thread.yield();
                    }
                });
                cycle.start();
                assertTrue(reader.drain(interval, totals, 5_000_000_000L), "the cycling conductor acknowledges");
                drained.set(true);
                cycle.join();
                final long counted = java.util.Arrays.stream(totals).sum();
                assertTrue(counted >= 10, "cycles in the histogram: " + counted);
                final long max = buffer.getLongVolatile(MAX_CYCLE_OFFSET);
                assertTrue(max == 3_000_000 || max == 2_000, "longest cycle " + max);
            }
            catch (final InterruptedException ex)
            {
                throw new AssertionError(ex);
            }
            finally
            {
                IoUtil.unmap(mapped);
            }
        }
        assertFalse(Files.exists(file), "closing the instance removes its file");
    }

    private static Path single(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            final List<Path> all = files.collect(Collectors.toList());
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
