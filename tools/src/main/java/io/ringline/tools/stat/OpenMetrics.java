package io.ringline.tools.stat;

import io.ringline.tools.inspect.ChannelDirectory;
import io.ringline.tools.inspect.ChannelEntry;
import io.ringline.tools.inspect.ChannelImage;
import io.ringline.tools.inspect.ChannelLocation;
import io.ringline.tools.inspect.ChannelStatus;
import io.ringline.tools.inspect.PeerStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ring channels' counters and subscribers' latency in the OpenMetrics text format (what Prometheus scrapes), for
 * {@code ringline stat --openmetrics} and {@code ringline exporter}. Latency is a summary since each subscriber
 * started (quantiles 0.5, 0.9, 0.99, 0.999, in seconds); reading it drains the histograms, which ends the interval
 * a {@code stat --watch} shows. The conductors of the channels' publishers' and subscribers' processes that keep
 * statistics follow: cycles, stalls, longest cycle and cycle times.
 */
public final class OpenMetrics
{
    /** The content type of the text format. */
    public static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private static final String[] COUNTERS = { "back_pressure", "not_connected", "subscriber_evictions",
        "publisher_evictions", "unblocks" };
    private static final String[] QUANTILES = { "0.5", "0.9", "0.99", "0.999" };

    private OpenMetrics()
    {
    }

    /**
     * @return the URIs of every ring channel in the shm directory that opens.
     */
    public static List<String> allChannels()
    {
        final List<String> channels = new ArrayList<>();
        for (final ChannelEntry entry : ChannelDirectory.list(false, List.of()))
        {
            if (null == entry.error())
            {
                channels.add(entry.location().uri());
            }
        }
        return channels;
    }

    /**
     * Reads the channels and formats them; a channel that does not open is skipped, with a comment.
     *
     * @param channels channel URIs or paths.
     * @return the exposition, ending with {@code # EOF}.
     */
    public static String scrape(final List<String> channels)
    {
        final List<Sample> samples = new ArrayList<>();
        final StringBuilder errors = new StringBuilder();
        for (final String channel : channels)
        {
            try (ChannelImage image = ChannelImage.open(ChannelLocation.of(channel));
                LatencyArea latency = LatencyArea.open(image))
            {
                final ChannelStatus status = ChannelStatus.read(image);
                samples.add(new Sample(status, null == latency ? List.of() : latency.drain()));
            }
            catch (final RuntimeException ex)
            {
                errors.append("# channel ").append(channel).append(" skipped: ")
                    .append(String.valueOf(ex.getMessage()).replace('\n', ' ')).append('\n');
            }
        }
        final Set<Long> pids = new TreeSet<>();
        samples.forEach((sample) -> pids.addAll(ConductorStatus.peersOf(sample.status)));
        return format(samples) + conductors(ConductorStatus.of(pids)) + errors + "# EOF\n";
    }

    private record Sample(ChannelStatus status, List<SubscriberLatency> latencies)
    {
    }

    private static String format(final List<Sample> samples)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < COUNTERS.length; i++)
        {
            final String name = "ringline_" + COUNTERS[i];
            out.append("# TYPE ").append(name).append(" counter\n");
            out.append("# HELP ").append(name).append(" ring channel counter ").append(COUNTERS[i]).append('\n');
            for (final Sample sample : samples)
            {
                out.append(name).append("_total{channel=\"").append(escape(sample.status.uri())).append("\"} ")
                    .append(counter(sample.status.counters(), i)).append('\n');
            }
        }
        gauge(out, "ringline_subscriber_lag_bytes", "bytes", "bytes published that a subscriber has not read yet");
        for (final Sample sample : samples)
        {
            for (final PeerStatus peer : sample.status.subscribers())
            {
                out.append("ringline_subscriber_lag_bytes").append(labels(sample.status, peer.slot())).append(' ')
                    .append(peer.lag()).append('\n');
            }
        }

        final String latency = "ringline_subscriber_latency_seconds";
        out.append("# TYPE ").append(latency).append(" summary\n");
        out.append("# UNIT ").append(latency).append(" seconds\n");
        out.append("# HELP ").append(latency).append(" publish-to-delivery latency since the subscriber started\n");
        for (final Sample sample : samples)
        {
            for (final SubscriberLatency subscriber : active(sample))
            {
                summary(out, latency, labels(sample.status, subscriber.slot()), subscriber.total());
            }
        }
        gauge(out, "ringline_subscriber_latency_max_seconds", "seconds",
            "largest publish-to-delivery latency since the subscriber started");
        for (final Sample sample : samples)
        {
            for (final SubscriberLatency subscriber : active(sample))
            {
                out.append("ringline_subscriber_latency_max_seconds").append(labels(sample.status, subscriber.slot()))
                    .append(' ').append(seconds(subscriber.total().maxNs())).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The conductors of the channels' processes that keep statistics ({@code ringline.conductor.stats=true}): cycles
     * and stalls as counters, the longest cycle as a gauge, and the cycle times since the conductor started as a
     * summary, labelled by pid and statistics file.
     */
    private static String conductors(final List<ConductorStatus> conductors)
    {
        final StringBuilder out = new StringBuilder();
        if (conductors.isEmpty())
        {
            return "";
        }
        final String cycles = "ringline_conductor_cycles";
        out.append("# TYPE ").append(cycles).append(" counter\n");
        out.append("# HELP ").append(cycles).append(" duty cycles the conductor ran\n");
        conductors.forEach((c) -> out.append(cycles).append("_total").append(labels(c)).append(' ')
            .append(c.cycles()).append('\n'));
        final String stalls = "ringline_conductor_stalls";
        out.append("# TYPE ").append(stalls).append(" counter\n");
        out.append("# HELP ").append(stalls).append(" cycles that started more than two intervals late\n");
        conductors.forEach((c) -> out.append(stalls).append("_total").append(labels(c)).append(' ')
            .append(c.stalls()).append('\n'));
        final String longest = "ringline_conductor_max_cycle_seconds";
        gauge(out, longest, "seconds", "longest conductor cycle since the conductor started");
        conductors.forEach((c) -> out.append(longest).append(labels(c)).append(' ')
            .append(seconds(c.maxCycleNs())).append('\n'));
        final String times = "ringline_conductor_cycle_time_seconds";
        out.append("# TYPE ").append(times).append(" summary\n");
        out.append("# UNIT ").append(times).append(" seconds\n");
        out.append("# HELP ").append(times).append(" conductor cycle time since the conductor started\n");
        for (final ConductorStatus conductor : conductors)
        {
            summary(out, times, labels(conductor), conductor.cycleTimes().total());
        }
        return out.toString();
    }

    private static String labels(final ConductorStatus conductor)
    {
        return "{pid=\"" + conductor.pid() + "\",file=\"" + escape(conductor.file().getFileName().toString()) +
            "\"}";
    }

    private static void summary(final StringBuilder out, final String name, final String labels,
        final SubscriberLatency.Window window)
    {
        for (int q = 0; q < QUANTILES.length; q++)
        {
            out.append(name).append(labels, 0, labels.length() - 1).append(",quantile=\"")
                .append(QUANTILES[q]).append("\"} ")
                .append(seconds(window.valueAt(SubscriberLatency.PERCENTILES[q]))).append('\n');
        }
        out.append(name).append("_sum").append(labels).append(' ')
            .append(window.histogram().getMean() * window.count() / 1e9).append('\n');
        out.append(name).append("_count").append(labels).append(' ').append(window.count()).append('\n');
    }

    private static List<SubscriberLatency> active(final Sample sample)
    {
        final List<SubscriberLatency> active = new ArrayList<>();
        for (final SubscriberLatency latency : sample.latencies)
        {
            if (sample.status.subscribers().stream().anyMatch((peer) -> peer.slot() == latency.slot()))
            {
                active.add(latency);
            }
        }
        return active;
    }

    private static void gauge(final StringBuilder out, final String name, final String unit, final String help)
    {
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append("# UNIT ").append(name).append(' ').append(unit).append('\n');
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    }

    private static String labels(final ChannelStatus status, final int slot)
    {
        return "{channel=\"" + escape(status.uri()) + "\",slot=\"" + slot + "\"}";
    }

    private static long counter(final ChannelStatus.Counters counters, final int index)
    {
        switch (index)
        {
            case 0: return counters.backPressure();
            case 1: return counters.notConnected();
            case 2: return counters.subscriberEvictions();
            case 3: return counters.publisherEvictions();
            default: return counters.unblocks();
        }
    }

    private static String seconds(final long ns)
    {
        return Double.toString(ns / 1e9);
    }

    private static String escape(final String value)
    {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
