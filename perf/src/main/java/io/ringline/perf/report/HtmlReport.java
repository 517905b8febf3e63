package io.ringline.perf.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ringline.perf.bench.BenchResults;
import io.ringline.perf.bench.PercentileCurve;
import io.ringline.perf.bench.RunKind;

/**
 * The benchmark report as one self-contained HTML page ({@code report.html}): inline CSS, one inline SVG
 * {@link PercentilePlot} per round-trip peer (one line per size), then the same {@link ReportTables} as the markdown
 * report. No script and no external resource, so it reads offline and as a CI artifact.
 */
public final class HtmlReport
{
    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:1100px}" +
        "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 8px;" +
        "text-align:right}td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}" +
        ".plots{display:flex;flex-wrap:wrap;gap:1em}strong{color:#b00}code{background:#f6f6f6}";

    private HtmlReport()
    {
    }

    /**
     * @param results of the benchmark.
     * @param tables  built from them.
     * @return the page.
     */
    public static String render(final BenchResults results, final List<ReportTable> tables)
    {
        final StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" +
            "<title>Ringline benchmark</title><style>" + STYLE + "</style></head><body>\n<h1>Ringline benchmark</h1>\n<ul>\n");
        for (final Map.Entry<String, String> fact : results.environment().entrySet())
        {
            html.append("<li>").append(escape(fact.getKey())).append(": <code>").append(escape(fact.getValue()))
                .append("</code></li>\n");
        }
        html.append("</ul>\n");
        appendTable(html, tables.get(0));
        html.append("<h2>Round-trip time by percentile</h2>\n<p>Median over the rounds at each percentile.</p>\n" +
            "<div class=\"plots\">\n");
        for (final String peer : results.measuredPeers(RunKind.ROUND_TRIP))
        {
            final Map<String, PercentileCurve> curves = new LinkedHashMap<>();
            for (final int size : results.plan().config().sizes())
            {
                final PercentileCurve curve = results.medianCurve(peer, size);
                if (null != curve)
                {
                    curves.put(size + " B", curve);
                }
            }
            html.append("<figure>").append(PercentilePlot.svg(peer, curves)).append("</figure>\n");
        }
        html.append("</div>\n");
        for (final ReportTable table : tables.subList(1, tables.size()))
        {
            appendTable(html, table);
        }
        html.append("<p>Histograms: <code>hist/PEER-SIZEB-roundN.hgrm</code> and <code>.hlog</code>, values in " +
            "nanoseconds.</p>\n</body></html>\n");
        return html.toString();
    }

    private static void appendTable(final StringBuilder html, final ReportTable table)
    {
        html.append("<h2>").append(escape(table.title())).append("</h2>\n");
        if (!table.note().isEmpty())
        {
            html.append("<p>").append(escape(table.note())).append("</p>\n");
        }
        html.append("<table>\n<tr>");
        for (final String header : table.headers())
        {
            html.append("<th>").append(escape(header)).append("</th>");
        }
        html.append("</tr>\n");
        for (final String[] row : table.rows())
        {
            html.append("<tr>");
            for (final String cell : row)
            {
                html.append("<td>").append(escape(cell).replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>"))
                    .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /**
     * @param text any text.
     * @return it with {@code & < > "} escaped for HTML.
     */
    public static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
