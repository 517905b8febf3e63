package io.ringline.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders results as a GitHub markdown table, columns padded so it also reads well in a terminal. A dash marks a
 * measurement the peer does not have.
 */
public final class MarkdownTable
{
    private static final String[] HEADERS =
        { "peer", "RTT p50 ns", "p90 ns", "p99 ns", "p99.9 ns", "max ns", "msgs/s", "rounds (rtt/tput)" };
    private static final String NONE = "-";

    private MarkdownTable()
    {
    }

    /**
     * @param results one row each.
     * @return the table, ending with a newline.
     */
    public static String render(final List<PeerResult> results)
    {
        final List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (final PeerResult result : results)
        {
            rows.add(cells(result));
        }

        final int[] widths = new int[HEADERS.length];
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

    private static String[] cells(final PeerResult result)
    {
        final LatencySummary rtt = result.roundTrip();
        return new String[]
        {
            result.name(),
            rtt == null ? NONE : Long.toString(rtt.p50Ns()),
            rtt == null ? NONE : Long.toString(rtt.p90Ns()),
            rtt == null ? NONE : Long.toString(rtt.p99Ns()),
            rtt == null ? NONE : Long.toString(rtt.p999Ns()),
            rtt == null ? NONE : Long.toString(rtt.maxNs()),
            Double.isNaN(result.msgsPerSecond()) ? NONE : String.format(Locale.ROOT, "%,.0f", result.msgsPerSecond()),
            result.roundTripRounds() + "/" + result.throughputRounds(),
        };
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
