package io.ringline.perf.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ringline.perf.bench.PercentileCurve;

/**
 * A latency-by-percentile plot as inline SVG, the way HdrHistogram plots are read: the x axis is the percentile on a
 * {@code 1 / (1 - p)} scale (50 %, 90 %, 99 %, 99.9 % ... evenly spaced) ending with the maximum, the y axis the
 * round-trip time on a log scale. One line per message size. No script, no external style: it renders offline.
 */
public final class PercentilePlot
{
    private static final String[] COLOURS = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b" };
    private static final int WIDTH = 640;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 110;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;
    private static final double MAX_X = 5.6;

    private PercentilePlot()
    {
    }

    /**
     * @param title  e.g. the peer's name.
     * @param curves one curve per label (e.g. {@code 32 B}), in legend order; at least one.
     * @return an {@code <svg>} element.
     */
    public static String svg(final String title, final Map<String, PercentileCurve> curves)
    {
        long min = Long.MAX_VALUE;
        long max = 1;
        for (final PercentileCurve curve : curves.values())
        {
            for (final long value : curve.valuesNs())
            {
                min = Math.min(min, Math.max(1, value));
                max = Math.max(max, value);
            }
        }
        final double lowDecade = Math.floor(Math.log10(min));
        final double highDecade = Math.max(lowDecade + 1, Math.ceil(Math.log10(max)));

        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" " +
            "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT,
            HtmlReport.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s " +
            "round-trip time by percentile</text>%n", LEFT, HtmlReport.escape(title)));
        for (double decade = lowDecade; decade <= highDecade; decade++)
        {
            final double y = y(decade, lowDecade, highDecade);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" " +
                "stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, duration(Math.pow(10, decade))));
        }
        final String[] xLabels = { "0%", "90%", "99%", "99.9%", "99.99%", "99.999%" };
        for (int i = 0; i < xLabels.length; i++)
        {
            final double x = x(i);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" " +
                "stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
                x, TOP, x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 15, xLabels[i]));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">" +
            "max</text>%n", x(MAX_X), HEIGHT - BOTTOM + 15));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">percentile</text>%n",
            (WIDTH - RIGHT) / 2, HEIGHT - 6));

        int series = 0;
        for (final Map.Entry<String, PercentileCurve> entry : curves.entrySet())
        {
            final String colour = COLOURS[series % COLOURS.length];
            final StringBuilder points = new StringBuilder();
            final List<Double> percentiles = PercentileCurve.PERCENTILES;
            for (int i = 0; i < percentiles.size(); i++)
            {
                final double percentile = percentiles.get(i);
                final double xValue = percentile >= 100.0 ? MAX_X : Math.log10(100.0 / (100.0 - percentile));
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(xValue),
                    y(Math.log10(Math.max(1, entry.getValue().valuesNs()[i])), lowDecade, highDecade)));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" " +
                "points=\"%s\"/>%n", colour, points.toString().trim()));
            final int legendY = TOP + 10 + 18 * series;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" " +
                "stroke-width=\"3\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n",
                WIDTH - RIGHT + 10, legendY, WIDTH - RIGHT + 30, legendY, colour, WIDTH - RIGHT + 35, legendY + 4,
                HtmlReport.escape(entry.getKey())));
            series++;
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" " +
            "stroke=\"#888\"/>%n</svg>%n", LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        return svg.toString();
    }

    private static double x(final double value)
    {
        return LEFT + value / MAX_X * (WIDTH - LEFT - RIGHT);
    }

    private static double y(final double decade, final double low, final double high)
    {
        return HEIGHT - BOTTOM - (decade - low) / (high - low) * (HEIGHT - TOP - BOTTOM);
    }

    private static String duration(final double ns)
    {
        if (ns >= 1e9)
        {
            return String.format(Locale.ROOT, "%.0f s", ns / 1e9);
        }
        if (ns >= 1e6)
        {
            return String.format(Locale.ROOT, "%.0f ms", ns / 1e6);
        }
        if (ns >= 1e3)
        {
            return String.format(Locale.ROOT, "%.0f us", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f ns", ns);
    }
}
