package io.ringline.tools;

import io.ringline.tools.inspect.ChannelDirectory;
import io.ringline.tools.inspect.ChannelEntry;
import io.ringline.tools.inspect.ChannelStatus;
import io.ringline.tools.inspect.PeerStatus;
import io.ringline.tools.inspect.QueueDirectory;
import io.ringline.tools.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ringline ls}: the ring channels of this machine with owner, size and live peers.
 */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = {
        "Lists the ring channels and message queues on this machine, with owner, size and live peers.",
        "",
        "Lists the ring channels on this machine: ringline-* files in the shared-memory directory (/dev/shm, or " +
        "-Dringline.shm.dir), System V segments that are Ringline channels, and the files given as arguments.",
        "Shows owner, size and live peers (publishers and subscribers whose processes run); a file that is not a " +
        "valid channel is listed as invalid with the reason.",
        "Then the message queues: POSIX queues (mq:) where an mqueue file system is mounted (the kernel offers no " +
        "other way to enumerate them: where none is mounted, a note on stderr says so and how to mount one) and " +
        "System V queues (sysvmq:), with owner, mode and what they hold.",
        "Journals live in directories of their own, so ls lists those given as arguments (journal:DIR, or a " +
        "directory holding journal.meta): segments, bytes, tail and cursors." },
    footer = {
        "",
        "Examples:",
        "  ringline ls",
        "  ringline ls /var/lib/app/orders.ring --json",
        "  ringline ls journal:/var/lib/app/orders" })
final class LsCommand implements Callable<Integer>
{
    @Parameters(arity = "0..*", paramLabel = "PATH",
        description = "Files that hold channels (file: channels), or journal directories (journal:DIR or DIR).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object: {\"channels\":[...]}.")
    boolean json;

    @Option(names = "--no-sysv", description = "Do not scan System V segments.")
    boolean noSysV;

    @Option(names = "--no-queues", description = "Do not list message queues.")
    boolean noQueues;

    @Override
    public Integer call()
    {
        final List<Path> journals = new ArrayList<>();
        final List<Path> files = new ArrayList<>();
        for (final Path path : paths)
        {
            final Path journal = JournalStat.journalDirectory(path.toString());
            (null == journal ? files : journals).add(null == journal ? path : journal);
        }
        final List<ChannelEntry> entries = ChannelDirectory.list(!noSysV, files);
        final QueueDirectory queues = noQueues ? null : QueueDirectory.scan();
        System.out.print(json ? json(entries, queues, journals) + System.lineSeparator() :
            table(entries) + table(queues) + JournalStat.table(journals));
        System.out.flush();
        if (null != queues && !json)
        {
            queues.notes().forEach(note -> System.err.println("ringline ls: " + note));
        }
        return RinglineCli.EXIT_OK;
    }

    static String json(final List<ChannelEntry> entries, final QueueDirectory queues, final List<Path> journals)
    {
        final JsonWriter json = new JsonWriter().beginObject().beginArray("channels");
        for (final ChannelEntry entry : entries)
        {
            final ChannelStatus status = entry.status();
            json.beginObject()
                .field("channel", entry.location().uri())
                .field("object", entry.location().object())
                .field("owner", entry.owner())
                .field("size", entry.size())
                .field("valid", null != status)
                .field("error", entry.error());
            if (null != status)
            {
                json.field("capacity", status.capacity())
                    .field("publishers", status.publishers().size())
                    .field("publishers_alive", alive(status.publishers()))
                    .field("subscribers", status.subscribers().size())
                    .field("subscribers_alive", alive(status.subscribers()));
            }
            json.field("live", entry.isLive()).endObject();
        }
        json.endArray();
        if (null != queues)
        {
            json.beginArray("queues");
            for (final QueueDirectory.QueueEntry queue : queues.queues())
            {
                json.beginObject()
                    .field("channel", queue.channel())
                    .field("owner", queue.owner())
                    .field("mode", String.format("%03o", queue.mode()))
                    .field("messages", queue.messages())
                    .field("bytes", queue.bytes())
                    .endObject();
            }
            json.endArray().beginArray("notes");
            for (final String note : queues.notes())
            {
                json.value(note);
            }
            json.endArray();
        }
        if (!journals.isEmpty())
        {
            JournalStat.json(json, journals);
        }
        return json.endObject().toString();
    }

    private static String table(final QueueDirectory queues)
    {
        if (null == queues || queues.queues().isEmpty())
        {
            return "";
        }
        final StringBuilder out = new StringBuilder(System.lineSeparator());
        out.append(String.format("%-40s  %-10s  %4s  %9s  %12s%n", "QUEUE", "OWNER", "MODE", "MESSAGES", "BYTES"));
        for (final QueueDirectory.QueueEntry queue : queues.queues())
        {
            out.append(String.format("%-40s  %-10s  %04o  %9s  %12s%n", queue.channel(), queue.owner(), queue.mode(),
                queue.messages() < 0 ? "-" : Long.toString(queue.messages()),
                queue.bytes() < 0 ? "-" : Long.toString(queue.bytes())));
        }
        return out.toString();
    }

    private static String table(final List<ChannelEntry> entries)
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format("%-40s  %-10s  %12s  %-9s  %-9s  %s%n",
            "CHANNEL", "OWNER", "SIZE", "PUBS", "SUBS", "STATE"));
        for (final ChannelEntry entry : entries)
        {
            final ChannelStatus status = entry.status();
            out.append(String.format("%-40s  %-10s  %12d  %-9s  %-9s  %s%n", entry.location().uri(), entry.owner(),
                entry.size(),
                null == status ? "-" : alive(status.publishers()) + "/" + status.publishers().size(),
                null == status ? "-" : alive(status.subscribers()) + "/" + status.subscribers().size(),
                null == status ? "invalid: " + entry.error() : entry.isLive() ? "live" : "idle"));
        }
        return out.toString();
    }

    private static long alive(final List<PeerStatus> peers)
    {
        return peers.stream().filter(PeerStatus::alive).count();
    }
}
