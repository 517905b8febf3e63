package io.ringline.perf;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders rows of cells as a GitHub markdown table, columns padded so it also reads well in a terminal.
 */
public final class MarkdownTable
{
    private MarkdownTable()
    {
    }

    /**
     * @param headers the column names; the first column is left-aligned, the others right-aligned.
     * @param cells   one array of cells per row, as many as headers.
     * @return the table, ending with a newline.
     */
    public static String render(final String[] headers, final List<String[]> cells)
    {
        final List<String[]> rows = new ArrayList<>();
        rows.add(headers);
        rows.addAll(cells);

        final int[] widths = new int[headers.length];
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }

        final StringBuilder out = new StringBuilder();
        appendRow(out, rows.get(0), widths);
        appendRule(out, widths);
        for (int i = 1; i < rows.size(); i++)
        {
            appendRow(out, rows.get(i), widths);
        }

        return out.toString();
    }

    private static void appendRow(final StringBuilder out, final String[] cells, final int[] widths)
    {
        out.append('|');
        for (int i = 0; i < cells.length; i++)
        {
            final String padding = " ".repeat(widths[i] - cells[i].length());
            out.append(' ').append(i == 0 ? cells[i] + padding : padding + cells[i]).append(" |");
        }
        out.append('\n');
    }

    private static void appendRule(final StringBuilder out, final int[] widths)
    {
        out.append('|');
        for (int i = 0; i < widths.length; i++)
        {
            out.append(i == 0 ? ":" + "-".repeat(widths[i] + 1) : "-".repeat(widths[i] + 1) + ":").append('|');
        }
        out.append('\n');
    }
}
