package io.ringline.perf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ringline.perf.BenchConfig;
import io.ringline.perf.RoundTripRecorder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramFilesTest
{
    @TempDir
    Path dir;

    /**
     * Reads a {@code .hgrm} as HdrHistogram's plotter does: rows of value, percentile, total count, 1/(1-p).
     *
     * @param file the percentile distribution.
     * @return the value at the first row at or above the percentile.
     * @throws IOException if unreadable.
     */
    static double valueAt(final Path file, final double percentile) throws IOException
    {
        for (final String line : Files.readAllLines(file))
        {
            final String[] columns = line.trim().split("\\s+");
            if (columns.length == 4 && !line.contains("Value") && Double.parseDouble(columns[1]) >= percentile)
            {
                return Double.parseDouble(columns[0]);
            }
        }
        throw new AssertionError("no row at percentile " + percentile + " in " + file);
    }

    @Test
    void writesAPercentileFileAndAnIntervalLogThatHdrHistogramReads() throws IOException
    {
        final RoundTripRecorder recorder = new RoundTripRecorder(BenchConfig.from("count=1000", "warmup=100"));
        for (long sequence = 1; sequence <= recorder.iterations(); sequence++)
        {
            recorder.record(sequence, sequence <= 100 ? 1_000_000 : 200 + sequence % 100);
        }

        new HistogramFiles(dir).write("peer-32B-round1", recorder);

        final Path hgrm = dir.resolve("peer-32B-round1" + HistogramFiles.HGRM);
        assertEquals(recorder.histogram().getValueAtPercentile(50), valueAt(hgrm, 0.5), 1.0);
        assertTrue(Files.readString(hgrm).matches("(?s).*Total count\\s*=\\s*1000\\].*"), Files.readString(hgrm));

        final HistogramLogReader reader = new HistogramLogReader(dir.resolve("peer-32B-round1.hlog").toString());
        long total = 0;
        int intervals = 0;
        double lastStart = -1;
        Histogram interval;
        while ((interval = (Histogram)reader.nextIntervalHistogram()) != null)
        {
            total += interval.getTotalCount();
            assertTrue(interval.getMaxValue() < 1_000_000, "warm-up not recorded");
            assertTrue(interval.getStartTimeStamp() / 1000.0 >= lastStart);
            lastStart = interval.getStartTimeStamp() / 1000.0;
            intervals++;
        }
        assertEquals(1000, total);
        assertEquals(RoundTripRecorder.INTERVALS, intervals);
    }
}
