package io.ringline.tools;

import io.ringline.Ringline;
import io.ringline.tools.inspect.ChannelImage;
import io.ringline.tools.inspect.ChannelLocation;
import io.ringline.tools.inspect.ChannelStatus;
import io.ringline.tools.inspect.PeerStatus;
import io.ringline.tools.json.JsonWriter;
import io.ringline.tools.stat.ConductorStatus;
import io.ringline.tools.stat.IntervalLog;
import io.ringline.tools.stat.LatencyArea;
import io.ringline.tools.stat.LatencyReport;
import io.ringline.tools.stat.OpenMetrics;
import io.ringline.tools.stat.SubscriberLatency;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ringline stat CHANNEL}: a ring channel's header, tail, publishers, subscribers (position, lag, pid,
 * alive or dead) and counters, read from a read-only mapping without joining the channel; for a channel created with
 * {@code latency=true}, each subscriber's latency percentiles and rate over the last interval and since it started,
 * drained from its histogram through a read-write mapping of the histograms alone ({@link LatencyArea}).
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = {
        "A ring channel's tail, publishers, subscribers, lag and counters.",
        "",
        "Shows a ring channel (shm:, file:, sysvshm:): layout, capacity, tail, each publisher and subscriber " +
        "(pid, alive/dead/stale, position, lag) and the back-pressure, not-connected, eviction and unblock counters.",
        "Maps the channel read-only: it never joins, takes no slot and cannot slow a publisher.",
        "With latency=true on the channel, shows each subscriber's publish-to-delivery latency (p50, p90, p99, " +
        "p99.9, max) and rate over the last interval and since it started; reading ends the interval (the " +
        "histograms are mapped read-write for that, nothing else is).",
        "--openmetrics prints counters and latency in the OpenMetrics text format, for every channel when none " +
        "is given.",
        "An aeron: channel shows the media driver's counters for it, read from the driver's CnC file as AeronStat " +
        "does: publications, images, subscriber positions, positions, sender back-pressure events, NAKs received " +
        "and sent, and the driver's NAK, retransmit, loss gap fill, byte and error totals." },
    footer = {
        "",
        "Examples:",
        "  ringline stat shm:orders",
        "  ringline stat shm:orders --watch --interval 500ms",
        "  ringline stat /dev/shm/ringline-orders --json",
        "  ringline stat sysvshm:0x52490001",
        "  ringline stat shm:orders --hlog orders.hlog --seconds 60",
        "  ringline stat --openmetrics",
        "  ringline stat 'aeron:udp?endpoint=10.0.0.2:40456' --json" })
final class StatCommand implements Callable<Integer>
{
    @Parameters(index = "0", arity = "0..1", paramLabel = "CHANNEL",
        description = "shm:NAME, file:/path, sysvshm:KEY, a path, journal:DIR or aeron:... (optional with " +
            "--openmetrics).")
    String channel;

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "For an aeron: channel, the media driver's " +
        "directory (default: the driver at aeron.dir and every embedded one in the shm directory).")
    String aeronDir;

    @Option(names = "--openmetrics", description = "Print counters and latency percentiles in the OpenMetrics " +
        "text format (of every channel in the shm directory when CHANNEL is not given).")
    boolean openMetrics;

    @Option(names = "--hlog", paramLabel = "FILE", description = "Write each subscriber's interval histograms, " +
        "one per --interval, to an HdrHistogram interval log (tag slot-N) for --seconds.")
    Path hlog;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S",
        description = "How long --hlog records (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--json", description = "Print one JSON object (with --watch: one per line per refresh).")
    boolean json;

    @Option(names = "--watch", description = "Refresh like top until Ctrl-C.")
    boolean watch;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION",
        converter = Durations.Converter.class, description = "Refresh interval with --watch (default: ${DEFAULT-VALUE}).")
    long intervalNs;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        final PrintStream out = System.out;
        if (null != channel && channel.startsWith("journal:"))
        {
            out.print(JournalStat.describe(channel, json));
            return RinglineCli.EXIT_OK;
        }
        if (null != channel && channel.startsWith("aeron:"))
        {
            out.print(AeronStat.describe(channel, aeronDir, json));
            return RinglineCli.EXIT_OK;
        }
        if (openMetrics)
        {
            out.print(OpenMetrics.scrape(null == channel ? OpenMetrics.allChannels() : List.of(channel)));
            out.flush();
            return RinglineCli.EXIT_OK;
        }
        if (null == channel)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing required parameter: 'CHANNEL' (optional only with --openmetrics)");
        }
        try (ChannelImage image = ChannelImage.open(ChannelLocation.of(channel));
            LatencyArea latency = LatencyArea.open(image))
        {
            if (null != hlog)
            {
                if (null == latency)
                {
                    throw new io.ringline.RinglineException("channel=" + channel +
                        " has no latency histograms: create it with latency=true to use --hlog");
                }
                IntervalLog.record(latency, hlog, seconds * 1_000_000_000L, intervalNs);
                return RinglineCli.EXIT_OK;
            }
            do
            {
                final ChannelStatus status = ChannelStatus.read(image);
                final List<SubscriberLatency> latencies = activeLatencies(status, latency);
                if (json)
                {
                    out.println(json(status, latencies, ConductorStatus.of(ConductorStatus.peersOf(status))));
                }
                else
                {
                    if (watch)
                    {
                        out.print("\033[H\033[2J");
                    }
                    out.print(table(status));
                    if (null != latency)
                    {
                        out.print(LatencyReport.table(latencies));
                    }
                    final List<ConductorStatus> conductors = ConductorStatus.of(ConductorStatus.peersOf(status));
                    if (!conductors.isEmpty())
                    {
                        out.print(ConductorStatus.table(conductors));
                    }
                }
                out.flush();
                if (watch)
                {
                    Thread.sleep(intervalNs / 1_000_000, (int)(intervalNs % 1_000_000));
                }
            }
            while (watch);
        }
        return RinglineCli.EXIT_OK;
    }

    /**
     * Drains the histograms and keeps those of the subscribers in the status.
     */
    static List<SubscriberLatency> activeLatencies(final ChannelStatus status, final LatencyArea latency)
    {
        final List<SubscriberLatency> active = new ArrayList<>();
        if (null != latency)
        {
            final Set<Integer> slots = new HashSet<>();
            status.subscribers().forEach((peer) -> slots.add(peer.slot()));
            for (final SubscriberLatency subscriber : latency.drain())
            {
                if (slots.contains(subscriber.slot()))
                {
                    active.add(subscriber);
                }
            }
        }
        return active;
    }

    static String json(final ChannelStatus status)
    {
        return json(status, List.of(), List.of());
    }

    static String json(final ChannelStatus status, final List<SubscriberLatency> latencies,
        final List<ConductorStatus> conductors)
    {
        final long livenessMs = new Ringline.Context().livenessTimeoutMs();
        final JsonWriter json = new JsonWriter().beginObject()
            .field("channel", status.uri())
            .field("object", status.object())
            .field("length", status.regionLength())
            .field("layout_version", status.layoutVersion())
            .field("capacity", status.capacity())
            .field("max_msg", status.maxMsgLength())
            .field("max_fragmented", status.maxFragmentedLength())
            .field("timestamps", status.timestamps())
            .field("latency", status.latency())
            .field("wakeups", status.wakeups())
            .field("creator_pid", status.creatorPid())
            .field("created_epoch_ms", status.createdEpochMs())
            .field("tail", status.tail());
        peers(json, "publishers", status.publishers(), livenessMs, null);
        peers(json, "subscribers", status.subscribers(), livenessMs, latencies);
        final ChannelStatus.Counters counters = status.counters();
        json.name("counters").beginObject()
            .field("back_pressure", counters.backPressure())
            .field("not_connected", counters.notConnected())
            .field("subscriber_evictions", counters.subscriberEvictions())
            .field("publisher_evictions", counters.publisherEvictions())
            .field("unblocks", counters.unblocks())
            .endObject();
        ConductorStatus.json(json, conductors);
        return json.endObject().toString();
    }

    private static void peers(
        final JsonWriter json, final String name, final List<PeerStatus> peers, final long livenessMs,
        final List<SubscriberLatency> latencies)
    {
        json.beginArray(name);
        for (final PeerStatus peer : peers)
        {
            json.beginObject()
                .field("slot", peer.slot())
                .field("pid", peer.pid())
                .field("state", peer.state())
                .field("alive", peer.alive())
                .field("status", peer.status(livenessMs))
                .field("heartbeat_age_ms", peer.heartbeatAgeMs());
            if (null == latencies)
            {
                json.field("mode", peer.mode()).field("claim_end", peer.position());
            }
            else
            {
                json.field("position", peer.position()).field("lag", peer.lag());
                latencies.stream().filter((latency) -> latency.slot() == peer.slot()).findFirst()
                    .ifPresent((latency) -> LatencyReport.json(json, latency));
            }
            json.endObject();
        }
        json.endArray();
    }

    static String table(final ChannelStatus status)
    {
        final long livenessMs = new Ringline.Context().livenessTimeoutMs();
        final StringBuilder out = new StringBuilder();
        out.append(String.format("channel     %s  (%s, %d bytes, layout %s, creator pid %d)%n", status.uri(),
            status.object(), status.regionLength(), status.layoutVersion(), status.creatorPid()));
        out.append(String.format("capacity    %d  max-msg %d  max-fragmented %d  timestamps %s  latency %s  " +
            "wakeups %s%n", status.capacity(), status.maxMsgLength(), status.maxFragmentedLength(),
            status.timestamps() ? "on" : "off", status.latency() ? "on" : "off", status.wakeups() ? "on" : "off"));
        out.append(String.format("tail        %d%n", status.tail()));
        final ChannelStatus.Counters counters = status.counters();
        out.append(String.format("counters    back-pressure %d  not-connected %d  subscriber-evictions %d  " +
            "publisher-evictions %d  unblocks %d%n", counters.backPressure(), counters.notConnected(),
            counters.subscriberEvictions(), counters.publisherEvictions(), counters.unblocks()));

        out.append(String.format("%npublishers (%d)%n", status.publishers().size()));
        if (!status.publishers().isEmpty())
        {
            out.append(String.format("  %4s  %8s  %-6s  %-10s  %12s  %14s%n",
                "slot", "pid", "status", "mode", "heartbeat", "claim-end"));
            for (final PeerStatus peer : status.publishers())
            {
                out.append(String.format("  %4d  %8d  %-6s  %-10s  %9d ms  %14d%n", peer.slot(), peer.pid(),
                    peer.status(livenessMs), peer.mode(), peer.heartbeatAgeMs(), peer.position()));
            }
        }
        out.append(String.format("subscribers (%d)%n", status.subscribers().size()));
        if (!status.subscribers().isEmpty())
        {
            out.append(String.format("  %4s  %8s  %-6s  %14s  %12s  %12s%n",
                "slot", "pid", "status", "position", "lag", "heartbeat"));
            for (final PeerStatus peer : status.subscribers())
            {
                out.append(String.format("  %4d  %8d  %-6s  %14d  %12d  %9d ms%n", peer.slot(), peer.pid(),
                    peer.status(livenessMs), peer.position(), peer.lag(), peer.heartbeatAgeMs()));
            }
        }
        return out.toString();
    }
}
