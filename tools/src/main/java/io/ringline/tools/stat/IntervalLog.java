package io.ringline.tools.stat;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code ringline stat --hlog}: records each subscriber's interval histograms into an HdrHistogram interval log
 * ({@link HistogramLogWriter}, read back by {@code HistogramLogReader} and {@code HistogramLogProcessor}), one
 * histogram per subscriber and interval, tagged {@code slot-N}, values in ns.
 */
public final class IntervalLog
{
    private IntervalLog()
    {
    }

    /**
     * Drains the histograms every interval for a duration and logs what each drain found.
     *
     * @param latency    the channel's histograms.
     * @param file       the log to write (replaced).
     * @param durationNs how long to record.
     * @param intervalNs how often to drain.
     * @return histograms written.
     * @throws FileNotFoundException when the file cannot be created.
     * @throws InterruptedException  when interrupted between intervals.
     */
    public static int record(final LatencyArea latency, final Path file, final long durationNs, final long intervalNs)
        throws FileNotFoundException, InterruptedException
    {
        int written = 0;
        try (PrintStream out = new PrintStream(file.toFile()))
        {
            latency.drain(); // the log starts now: what came before belongs to none of its intervals
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            final long startMs = System.currentTimeMillis();
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMs);
            writer.setBaseTime(startMs);
            writer.outputComment("ringline stat: publish-to-delivery latency per subscriber slot, ns");
            writer.outputLegend();
            out.flush();
            long previousMs = startMs;
            final long startNs = System.nanoTime();
            long nextNs = startNs;
            while (nextNs - startNs < durationNs)
            {
                nextNs += intervalNs;
                TimeUnit.NANOSECONDS.sleep(Math.max(0, nextNs - System.nanoTime()));
                final long nowMs = System.currentTimeMillis();
                for (final SubscriberLatency subscriber : latency.drain())
                {
                    final Histogram histogram = subscriber.interval().histogram();
                    if (histogram.getTotalCount() > 0)
                    {
                        histogram.setStartTimeStamp(previousMs);
                        histogram.setEndTimeStamp(nowMs);
                        histogram.setTag("slot-" + subscriber.slot());
                        writer.outputIntervalHistogram(histogram);
                        written++;
                    }
                }
                previousMs = nowMs;
            }
        }
        return written;
    }
}
