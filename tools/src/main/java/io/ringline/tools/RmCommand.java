package io.ringline.tools;

import io.ringline.ChannelUri;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.tools.inspect.ChannelDirectory;
import io.ringline.tools.inspect.ChannelEntry;
import io.ringline.tools.inspect.ChannelLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code ringline rm CHANNEL}: removes one channel, refusing one that a running process uses unless forced.
 */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description = {
        "Removes one channel, refusing a live one unless --force.",
        "",
        "Removes a channel: a ring channel's file or System V segment (and its wakeup semaphores), or a FIFO, " +
        "socket file or message queue.",
        "Refuses a ring channel that a running process holds (or that its running creator made less than the " +
        "liveness timeout ago), a file that is not a valid channel, and any non-ring channel (whose users cannot " +
        "be seen), unless --force. Processes that have it mapped keep their mapping." },
    footer = {
        "",
        "Examples:",
        "  ringline rm shm:orders",
        "  ringline rm sysvshm:0x52490001 --force",
        "  ringline rm fifo:/tmp/orders.fifo --force" })
final class RmCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "A channel URI, or the path of a ring channel file.")
    String channel;

    @Option(names = "--force", description = "Remove even a live channel, or a file that is not a valid channel.")
    boolean force;

    @Override
    public Integer call()
    {
        final String uri = channel.startsWith("/") ? ChannelLocation.of(channel).uri() : channel;
        final ChannelUri parsed = ChannelUri.parse(uri);
        try (Ringline ringline = Ringline.connect())
        {
            if (ChannelLocation.isRing(uri))
            {
                final ChannelEntry entry = ChannelDirectory.inspect(ChannelLocation.of(uri));
                if (entry.size() < 0)
                {
                    throw new RinglineException("channel=" + entry.location() + " " + entry.location().object() +
                        " does not exist");
                }
                if (!force && null == entry.status())
                {
                    throw new RinglineException(entry.error() + "; not removed (--force removes it anyway)");
                }
                if (!force && ChannelDirectory.inUse(entry, ringline.context().livenessTimeoutMs()))
                {
                    throw new RinglineException("channel=" + entry.location() + " is in use by a running process " +
                        "(see `ringline stat " + entry.location() + "`); not removed (--force removes it anyway)");
                }
            }
            else if (!force)
            {
                throw new RinglineException("channel=" + uri + ": who uses a " + parsed.scheme() + ": channel " +
                    "cannot be seen; not removed (--force removes it)");
            }
            if (!ringline.removeChannel(uri))
            {
                throw new RinglineException("channel=" + uri + " does not exist");
            }
        }
        return RinglineCli.EXIT_OK;
    }
}
