package io.ringline.perf.report;

import java.util.List;
import java.util.Map;

import io.ringline.perf.MarkdownTable;
import io.ringline.perf.bench.BenchResults;

/**
 * The benchmark report as GitHub markdown ({@code report.md}): the machine and settings, then the {@link ReportTables}.
 */
public final class MarkdownReport
{
    private MarkdownReport()
    {
    }

    /**
     * @param results of the benchmark.
     * @param tables  built from them.
     * @return the markdown text.
     */
    public static String render(final BenchResults results, final List<ReportTable> tables)
    {
        final StringBuilder out = new StringBuilder("# Ringline benchmark\n\n");
        for (final Map.Entry<String, String> fact : results.environment().entrySet())
        {
            out.append("- ").append(fact.getKey()).append(": `").append(fact.getValue()).append("`\n");
        }
        for (final ReportTable table : tables)
        {
            out.append("\n## ").append(table.title()).append("\n\n");
            if (!table.note().isEmpty())
            {
                out.append(table.note()).append("\n\n");
            }
            out.append(MarkdownTable.render(table.headers(), table.rows()));
        }
        out.append("\nHistograms: `hist/PEER-SIZEB-roundN.hgrm` (percentile distribution) and `.hlog` (interval log, " +
            "HistogramLogProcessor reads it), values in nanoseconds.\n");
        return out.toString();
    }
}
