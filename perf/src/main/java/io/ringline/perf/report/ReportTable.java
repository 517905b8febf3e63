package io.ringline.perf.report;

import java.util.List;

/**
 * One table of a report, independent of the output format: {@link MarkdownReport} and {@link HtmlReport} render the
 * same tables.
 *
 * @param title   the heading above it.
 * @param note    one sentence under the heading, or empty.
 * @param headers column names.
 * @param rows    cells, as many per row as headers.
 */
public record ReportTable(String title, String note, String[] headers, List<String[]> rows)
{
}
