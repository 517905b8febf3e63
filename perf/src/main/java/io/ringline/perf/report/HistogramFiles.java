package io.ringline.perf.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ringline.perf.RoundTripRecorder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a round-trip run's histograms in HdrHistogram's own formats, values in nanoseconds:
 * <ul>
 *   <li>{@code NAME.hgrm}: the percentile distribution ({@code outputPercentileDistribution}, 5 ticks per half
 *   distance), which HdrHistogram's plotter reads;</li>
 *   <li>{@code NAME.hlog}: the interval log ({@code HistogramLogWriter}), one compressed histogram per interval of the
 *   run (see {@link RoundTripRecorder}), which {@code HistogramLogProcessor} reads.</li>
 * </ul>
 */
public final class HistogramFiles
{
    /** Extension of a percentile distribution file. */
    public static final String HGRM = ".hgrm";

    /** Extension of an interval log. */
    public static final String HLOG = ".hlog";

    private static final int TICKS_PER_HALF_DISTANCE = 5;
    private static final double NANOSECONDS = 1.0;

    private final Path directory;

    /**
     * @param directory where the files go; made if missing.
     */
    public HistogramFiles(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * @param peer  name.
     * @param size  message bytes.
     * @param round from 1.
     * @return the file name without extension, e.g. {@code ringline-shm-32B-round1}.
     */
    public static String baseName(final String peer, final int size, final int round)
    {
        return peer + "-" + size + "B-round" + round;
    }

    /**
     * Writes {@code NAME.hgrm} and {@code NAME.hlog}.
     *
     * @param name     file name without extension.
     * @param recorder of the run.
     * @throws UncheckedIOException if a file cannot be written.
     */
    public void write(final String name, final RoundTripRecorder recorder)
    {
        try
        {
            Files.createDirectories(directory);
            try (PrintStream out = printStream(directory.resolve(name + HGRM)))
            {
                recorder.histogram().outputPercentileDistribution(out, TICKS_PER_HALF_DISTANCE, NANOSECONDS);
            }
            try (PrintStream out = printStream(directory.resolve(name + HLOG)))
            {
                writeLog(out, name, recorder);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write histograms: directory=" + directory + ", name=" + name, ex);
        }
    }

    private static void writeLog(final PrintStream out, final String name, final RoundTripRecorder recorder)
    {
        final HistogramLogWriter log = new HistogramLogWriter(out);
        log.outputComment("Ringline round trips: " + name + ", values in nanoseconds; interval times are the sum of " +
            "the round trips before them (closed loop)");
        log.outputLogFormatVersion();
        log.outputStartTime(recorder.startEpochMs());
        log.outputBaseTime(recorder.startEpochMs());
        log.outputLegend();
        final List<Histogram> intervals = recorder.intervals();
        for (int i = 0; i < intervals.size(); i++)
        {
            log.outputIntervalHistogram(
                recorder.intervalStartNs(i) / 1e9, recorder.intervalEndNs(i) / 1e9, intervals.get(i), NANOSECONDS);
        }
    }

    private static PrintStream printStream(final Path path) throws IOException
    {
        final OutputStream out = Files.newOutputStream(path);
        return new PrintStream(out, false, StandardCharsets.UTF_8);
    }
}
