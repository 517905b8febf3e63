package io.ringline.tools.stat;

import io.ringline.tools.json.JsonWriter;

import java.util.List;

/**
 * How {@code ringline stat} shows subscribers' latency: a table row per subscriber and window, and JSON fields.
 */
public final class LatencyReport
{
    private LatencyReport()
    {
    }

    /**
     * @param latencies the drained histograms, of the active subscribers only.
     * @return a table: per subscriber, the last interval and the totals since it started.
     */
    public static String table(final List<SubscriberLatency> latencies)
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format("latency, publish to delivery (us)%n  %4s  %-8s  %12s  %12s  %9s  %9s  %9s  %9s  %9s%n",
            "slot", "window", "messages", "msg/s", "p50", "p90", "p99", "p99.9", "max"));
        for (final SubscriberLatency latency : latencies)
        {
            row(out, latency.slot(), latency.swapped() ? "interval" : "interval*", latency.interval());
            row(out, latency.slot(), "total", latency.total());
        }
        if (latencies.stream().anyMatch((latency) -> !latency.swapped()))
        {
            out.append(String.format("  * the subscriber did not poll during the drain: its latest counts come next%n"));
        }
        return out.toString();
    }

    private static void row(final StringBuilder out, final int slot, final String name,
        final SubscriberLatency.Window window)
    {
        out.append(String.format("  %4d  %-9s %12d  %12.0f", slot, name, window.count(), window.ratePerSecond()));
        for (final double percentile : SubscriberLatency.PERCENTILES)
        {
            out.append(String.format("  %9.3f", window.valueAt(percentile) / 1e3));
        }
        out.append(String.format("  %9.3f%n", window.maxNs() / 1e3));
    }

    /**
     * Writes {@code "latency": {"interval": {...}, "total": {...}}} into a subscriber's JSON object.
     *
     * @param json    the writer, inside the subscriber's object.
     * @param latency its drained histogram.
     */
    public static void json(final JsonWriter json, final SubscriberLatency latency)
    {
        json(json, latency, "latency");
    }

    /**
     * Writes {@code "NAME": {"interval": {...}, "total": {...}}}.
     *
     * @param json    the writer, inside an object.
     * @param latency a drained histogram.
     * @param name    the field's name.
     */
    public static void json(final JsonWriter json, final SubscriberLatency latency, final String name)
    {
        json.name(name).beginObject().field("swapped", latency.swapped());
        window(json, "interval", latency.interval());
        window(json, "total", latency.total());
        json.endObject();
    }

    private static void window(final JsonWriter json, final String name, final SubscriberLatency.Window window)
    {
        json.name(name).beginObject()
            .field("count", window.count())
            .field("duration_ns", window.durationNs())
            .field("rate_per_s", Math.round(window.ratePerSecond()));
        for (int i = 0; i < SubscriberLatency.PERCENTILES.length; i++)
        {
            json.field(SubscriberLatency.PERCENTILE_NAMES[i] + "_ns", window.valueAt(SubscriberLatency.PERCENTILES[i]));
        }
        json.field("max_ns", window.maxNs()).endObject();
    }
}
