package io.ringline.tools.hiccup;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * One CPU's interval log: an HdrHistogram {@code .hlog} ({@link HistogramLogWriter}), one compressed histogram of the
 * gaps per interval, values in nanoseconds, readable by {@code HistogramLogReader} and {@code HistogramLogProcessor}
 * (whose default output unit ratio, 1,000,000, prints them in milliseconds).
 */
public final class HiccupLog implements AutoCloseable
{
    /** Extension of the log files. */
    public static final String EXTENSION = ".hlog";

    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final long startEpochMs;

    /**
     * Creates the log, {@code DIR/hiccup-cpuN.hlog}, and writes its header.
     *
     * @param directory    where to write.
     * @param cpu          the CPU it is for.
     * @param thresholdNs  the smallest gap recorded, for the header's comment.
     * @param startEpochMs when sampling started, the log's start and base time.
     * @throws FileNotFoundException when the file cannot be created.
     */
    public HiccupLog(final Path directory, final int cpu, final long thresholdNs, final long startEpochMs)
        throws FileNotFoundException
    {
        this.out = new PrintStream(fileOf(directory, cpu).toFile());
        this.writer = new HistogramLogWriter(out);
        this.startEpochMs = startEpochMs;
        writer.outputComment("ringline hiccup: gaps of at least " + thresholdNs + " ns between two reads of " +
            "System.nanoTime() on cpu " + cpu + ", values in nanoseconds");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startEpochMs);
        writer.outputBaseTime(startEpochMs);
        writer.outputLegend();
    }

    /**
     * @param directory the log directory.
     * @param cpu       a CPU.
     * @return the log file of that CPU.
     */
    public static Path fileOf(final Path directory, final int cpu)
    {
        return directory.resolve("hiccup-cpu" + cpu + EXTENSION);
    }

    /**
     * @param histogram one interval's gaps; its start and end time stamps (epoch ms) place it in the log.
     */
    public void interval(final Histogram histogram)
    {
        writer.outputIntervalHistogram((histogram.getStartTimeStamp() - startEpochMs) / 1000.0,
            (histogram.getEndTimeStamp() - startEpochMs) / 1000.0, histogram, 1.0);
    }

    @Override
    public void close()
    {
        out.close();
    }
}
