package io.ringline.ring;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import static io.ringline.ring.LatencyHistogramDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The latency histogram's buckets are HdrHistogram's, and its double-buffered swap neither loses nor double-counts a
 * value while the subscriber records and readers drain at the same time.
 */
@Timeout(120)
class LatencyHistogramTest
{
    @Test
    void countsRebuildTheSameHdrHistogram()
    {
        final Histogram expected = new Histogram(LOWEST_VALUE, HIGHEST_VALUE, SIGNIFICANT_DIGITS);
        final long[] counts = new long[COUNTS_LENGTH];
        final SplittableRandom random = new SplittableRandom(16);
        final long[] edges = { 0, 1, 2, 127, 128, 255, 256, 257, 1000, 65_535, 1L << 32, HIGHEST_VALUE - 1,
            HIGHEST_VALUE };
        for (final long value : edges)
        {
            expected.recordValue(value);
            counts[countsIndex(value)]++;
        }
        for (int i = 0; i < 200_000; i++)
        {
            final long value = (long)Math.exp(random.nextDouble() * Math.log(HIGHEST_VALUE));
            expected.recordValue(value);
            counts[countsIndex(value)]++;
        }

        final Histogram rebuilt = new Histogram(LOWEST_VALUE, HIGHEST_VALUE, SIGNIFICANT_DIGITS);
        for (int i = 0; i < COUNTS_LENGTH; i++)
        {
            if (counts[i] != 0)
            {
                assertEquals(i, countsIndex(valueFromIndex(i)), "index " + i + " round trip");
                rebuilt.recordValueWithCount(valueFromIndex(i), counts[i]);
            }
        }
        assertEquals(expected, rebuilt);
        assertEquals(expected.getValueAtPercentile(99.9), rebuilt.getValueAtPercentile(99.9));
        assertEquals(COUNTS_LENGTH - 1, countsIndex(HIGHEST_VALUE) | 127, "the highest value is in the last bucket");
    }

    @Test
    void aSwapUnderConcurrencyLosesAndDoubleCountsNothing() throws Exception
    {
        final UnsafeBuffer region = new UnsafeBuffer(ByteBuffer.allocateDirect(LENGTH + 64));
        final int offset = 64 - (int)(region.addressOffset() & 63);
        final LatencyRecorder recorder = new LatencyRecorder(region, offset, System::nanoTime);
        recorder.reset();
        final LatencyHistogramReader reader = new LatencyHistogramReader(region, offset);

        final int values = 3_000_000;
        final int distinct = 1000;
        final AtomicBoolean recorded = new AtomicBoolean();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer = new Thread(() ->
        {
            try
            {
                for (int i = 0; i < values; i++)
                {
                    if ((i & 15) == 0)
                    {
                        recorder.acknowledge((buffer, index, length, header) -> { });
                    }
                    recorder.record(1 + (i % distinct) * 997L);
                }
                recorded.set(true);
                while (!stop.get())
                {
                    recorder.acknowledge((buffer, index, length, header) -> { });
                    Thread.onSpinWait();
                }
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "latency-writer");

        final long[] interval = new long[COUNTS_LENGTH];
        final long[] totals = new long[COUNTS_LENGTH];
        final long[] drained = new long[COUNTS_LENGTH];
        writer.start();
        int swaps = 0;
        while (!recorded.get())
        {
            swaps += reader.drain(interval, totals, 10_000_000L) ? 1 : 0;
            add(drained, interval);
        }
        for (int i = 0; i < 2; i++)
        {
            assertTrue(reader.drain(interval, totals, 5_000_000_000L), "the idle-polling subscriber acknowledges");
            add(drained, interval);
        }
        stop.set(true);
        writer.join();
        assertNull(failure.get());

        final long[] expected = new long[COUNTS_LENGTH];
        for (int i = 0; i < values; i++)
        {
            expected[countsIndex(1 + (i % distinct) * 997L)]++;
        }
        assertArrayEquals(expected, drained, "the intervals add up to every value, once (swaps=" + swaps + ")");
        assertArrayEquals(expected, totals, "the totals hold every value, once");
        assertTrue(swaps > 0, "swaps happened while the writer recorded");
        assertEquals(1 + (distinct - 1) * 997L, reader.totalMax());
    }

    /**
     * A slot retaken over and over while a reader drains in a loop. Each owner stamps its number as its start time
     * and records into its own indices (odd owners odd ones, even owners even ones), so a previous owner's count that
     * a drain added to the totals after a reset zeroed them (counted twice) shows as a count on the other parity in a
     * drain that began and ended under one owner. Even owners wait for such a drain before recording and until
     * every count they recorded is drained before leaving, so a count lost to a drain shows as well.
     */
    @Test
    void aSlotRetakenWhileReadersDrainLosesAndDoubleCountsNothing() throws Exception
    {
        final UnsafeBuffer region = new UnsafeBuffer(ByteBuffer.allocateDirect(LENGTH + 64));
        final int offset = 64 - (int)(region.addressOffset() & 63);
        final LatencyHistogramReader reader = new LatencyHistogramReader(region, offset);
        final int owners = 1_000;
        final int valuesPerOwner = 2_000;
        final AtomicLongArray drainedPerOwner = new AtomicLongArray(owners + 1);
        final AtomicLong lastWholeDrainOwner = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<String> violation = new AtomicReference<>();
        final SplittableRandom random = new SplittableRandom(16);
        final Thread drainer = new Thread(() ->
        {
            final long[] interval = new long[COUNTS_LENGTH];
            final long[] totals = new long[COUNTS_LENGTH];
            while (!stop.get() && null == violation.get())
            {
                final long ownerBefore = reader.startTimeNs();
                reader.drain(interval, totals, 200_000L);
                if (0 == ownerBefore || reader.startTimeNs() != ownerBefore)
                {
                    continue;
                }
                final int owner = (int)ownerBefore;
                long drained = 0;
                long total = 0;
                for (int i = 0; i < COUNTS_LENGTH; i++)
                {
                    drained += interval[i];
                    total += totals[i];
                    if (0 != totals[i] && (i & 1) != (owner & 1))
                    {
                        violation.compareAndSet(null, "owner " + owner + "'s totals hold " + totals[i] +
                            " at index " + i + ", another owner's");
                    }
                }
                final long sum = drainedPerOwner.addAndGet(owner, drained);
                if (total > valuesPerOwner || sum > valuesPerOwner)
                {
                    violation.compareAndSet(null, "owner " + owner + ": totals=" + total + " drained=" + sum +
                        " of " + valuesPerOwner + " recorded");
                }
                lastWholeDrainOwner.set(owner);
            }
        }, "latency-drainer");
        drainer.start();
        try
        {
            for (int owner = 1; owner <= owners && null == violation.get(); owner++)
            {
                final long id = owner;
                final LatencyRecorder recorder = new LatencyRecorder(region, offset, () -> id);
                recorder.reset();
                final boolean accounted = (owner & 1) == 0;
                final long deadlineNs = System.nanoTime() + 10_000_000_000L;
                while (accounted && lastWholeDrainOwner.get() != owner)
                {
                    assertTrue(System.nanoTime() - deadlineNs < 0, "owner " + owner + " saw no drain");
                    recorder.acknowledge();
                    Thread.onSpinWait();
                }
                for (int i = 0; i < valuesPerOwner; i++)
                {
                    if ((i & 7) == 0)
                    {
                        recorder.acknowledge();
                    }
                    recorder.record(valueFromIndex(2 + (owner & 1) + 2 * (i % 1000)));
                }
                while (accounted && drainedPerOwner.get(owner) < valuesPerOwner && null == violation.get())
                {
                    assertTrue(System.nanoTime() - deadlineNs < 0,
                        "owner " + owner + " drained " + drainedPerOwner.get(owner) + " of " + valuesPerOwner);
                    recorder.acknowledge();
                    Thread.onSpinWait();
                }
                final long leaveNs = System.nanoTime() + random.nextLong(100_000);
                while (!accounted && System.nanoTime() - leaveNs < 0)
                {
                    recorder.acknowledge(); // polls on a while, so that the next owner comes in mid-drain
                }
            }
        }
        finally
        {
            stop.set(true);
            drainer.join();
        }
        assertNull(violation.get());
        for (int owner = 2; owner <= owners; owner += 2)
        {
            assertEquals(valuesPerOwner, drainedPerOwner.get(owner), "owner " + owner + "'s counts, drained once");
        }
    }

    private static void add(final long[] sum, final long[] counts)
    {
        for (int i = 0; i < counts.length; i++)
        {
            sum[i] += counts[i];
        }
    }
}
