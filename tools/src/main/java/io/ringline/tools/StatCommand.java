package io.ringline.tools;

import io.ringline.Ringline;
import io.ringline.tools.inspect.ChannelImage;
import io.ringline.tools.inspect.ChannelLocation;
import io.ringline.tools.inspect.ChannelStatus;
import io.ringline.tools.inspect.PeerStatus;
import io.ringline.tools.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ringline stat CHANNEL}: a ring channel's header, tail, publishers, subscribers (position, lag, pid,
 * alive or dead) and counters, read from a read-only mapping without joining the channel.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = {
        "A ring channel's tail, publishers, subscribers, lag and counters.",
        "",
        "Shows a ring channel (shm:, file:, sysvshm:): layout, capacity, tail, each publisher and subscriber " +
        "(pid, alive/dead/stale, position, lag) and the back-pressure, not-connected, eviction and unblock counters.",
        "Maps the channel read-only: it never joins, takes no slot and cannot slow a publisher." },
    footer = {
        "",
        "Examples:",
        "  ringline stat shm:orders",
        "  ringline stat shm:orders --watch --interval 500ms",
        "  ringline stat /dev/shm/ringline-orders --json",
        "  ringline stat sysvshm:0x52490001" })
final class StatCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "shm:NAME, file:/path, sysvshm:KEY, a path or journal:DIR.")
    String channel;

    @Option(names = "--json", description = "Print one JSON object (with --watch: one per line per refresh).")
    boolean json;

    @Option(names = "--watch", description = "Refresh like top until Ctrl-C.")
    boolean watch;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION",
        converter = Durations.Converter.class, description = "Refresh interval with --watch (default: ${DEFAULT-VALUE}).")
    long intervalNs;

    @Override
    public Integer call() throws InterruptedException
    {
        final PrintStream out = System.out;
        if (channel.startsWith("journal:"))
        {
            out.print(JournalStat.describe(channel, json));
            return RinglineCli.EXIT_OK;
        }
        try (ChannelImage image = ChannelImage.open(ChannelLocation.of(channel)))
        {
            do
            {
                final ChannelStatus status = ChannelStatus.read(image);
                if (json)
                {
                    out.println(json(status));
                }
                else
                {
                    if (watch)
                    {
                        out.print("\033[H\033[2J");
                    }
                    out.print(table(status));
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

    static String json(final ChannelStatus status)
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
            .field("wakeups", status.wakeups())
            .field("creator_pid", status.creatorPid())
            .field("created_epoch_ms", status.createdEpochMs())
            .field("tail", status.tail());
        peers(json, "publishers", status.publishers(), livenessMs, true);
        peers(json, "subscribers", status.subscribers(), livenessMs, false);
        final ChannelStatus.Counters counters = status.counters();
        json.name("counters").beginObject()
            .field("back_pressure", counters.backPressure())
            .field("not_connected", counters.notConnected())
            .field("subscriber_evictions", counters.subscriberEvictions())
            .field("publisher_evictions", counters.publisherEvictions())
            .field("unblocks", counters.unblocks())
            .endObject();
        return json.endObject().toString();
    }

    private static void peers(
        final JsonWriter json, final String name, final List<PeerStatus> peers, final long livenessMs,
        final boolean publishers)
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
            if (publishers)
            {
                json.field("mode", peer.mode()).field("claim_end", peer.position());
            }
            else
            {
                json.field("position", peer.position()).field("lag", peer.lag());
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
        out.append(String.format("capacity    %d  max-msg %d  max-fragmented %d  timestamps %s  wakeups %s%n",
            status.capacity(), status.maxMsgLength(), status.maxFragmentedLength(), status.timestamps() ? "on" : "off",
            status.wakeups() ? "on" : "off"));
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
