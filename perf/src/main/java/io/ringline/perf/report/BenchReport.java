package io.ringline.perf.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ringline.perf.bench.BenchPlan;
import io.ringline.perf.bench.BenchResults;
import io.ringline.perf.bench.BenchSuite;
import io.ringline.perf.bench.ProgressListener;
import io.ringline.perf.bench.Ratio;

/**
 * What {@code ringline bench} and CI's perf smoke both do: run a plan, then write into one directory
 * {@value #MARKDOWN}, {@value #HTML}, {@value #JSON} and {@code hist/} with every round-trip run's {@code .hgrm} and
 * {@code .hlog}.
 */
public final class BenchReport
{
    /** The markdown report's file name. */
    public static final String MARKDOWN = "report.md";

    /** The HTML report's file name. */
    public static final String HTML = "report.html";

    /** The JSON report's file name. */
    public static final String JSON = "report.json";

    /** The histograms' folder. */
    public static final String HISTOGRAMS = "hist";

    private BenchReport()
    {
    }

    /**
     * Runs the plan and writes the reports.
     *
     * @param plan     what to run.
     * @param out      the report directory; made if missing.
     * @param listener told about each run.
     * @return the ratios; {@link Ratio#failsGate()} on any of them means the benchmark failed.
     * @throws IOException if a file cannot be written or the scratch directory made.
     */
    public static List<Ratio> run(final BenchPlan plan, final Path out, final ProgressListener listener)
        throws IOException
    {
        Files.createDirectories(out);
        final BenchResults results = BenchSuite.run(plan, listener, out.resolve(HISTOGRAMS));
        final List<Ratio> ratios = Ratio.evaluate(results);
        write(results, ratios, out);
        return ratios;
    }

    /**
     * Writes the three reports of results already measured.
     *
     * @param results of the benchmark.
     * @param ratios  evaluated from them.
     * @param out     the report directory.
     * @throws IOException if a file cannot be written.
     */
    public static void write(final BenchResults results, final List<Ratio> ratios, final Path out) throws IOException
    {
        final List<ReportTable> tables = ReportTables.build(results, ratios);
        Files.writeString(out.resolve(MARKDOWN), MarkdownReport.render(results, tables), StandardCharsets.UTF_8);
        Files.writeString(out.resolve(HTML), HtmlReport.render(results, tables), StandardCharsets.UTF_8);
        Files.writeString(out.resolve(JSON), JsonReport.render(results, ratios), StandardCharsets.UTF_8);
    }
}
