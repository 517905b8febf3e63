package io.ringline.tools;

import io.ringline.Ringline;
import io.ringline.tools.inspect.ChannelDirectory;
import io.ringline.tools.inspect.ChannelEntry;
import io.ringline.tools.inspect.QueueDirectory;
import io.ringline.tools.stat.ConductorFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ringline clean}: removes every ring channel that no running process uses, and the conductor statistics
 * files of dead processes.
 */
@Command(
    name = "clean",
    mixinStandardHelpOptions = true,
    description = {
        "Removes every ring channel whose processes are all dead.",
        "",
        "Removes the ring channels (as `ringline ls` finds them) whose publishers and subscribers are all dead or " +
        "gone. Keeps live channels, channels younger than the liveness timeout whose creator still runs, and files " +
        "that are not valid channels, unless --force.",
        "Prints one line per channel: removed, would remove (--dry-run), or kept and why.",
        "Also removes the conductor statistics files (ringline.conductor.stats=true) of processes that died " +
        "without closing, never those of a running process, even with --force.",
        "Message queues (mq:, sysvmq:) are never cleaned: a queue records no users, so an abandoned one cannot be " +
        "told from one in use. `ringline ls` lists them; `ringline rm CHANNEL --force` removes one." },
    footer = {
        "",
        "Examples:",
        "  ringline clean --dry-run",
        "  ringline clean",
        "  ringline clean --no-sysv /var/lib/app/orders.ring" })
final class CleanCommand implements Callable<Integer>
{
    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files that hold channels, also to be cleaned.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--force", description = "Remove live channels and invalid files too.")
    boolean force;

    @Option(names = "--dry-run", description = "Only say what would be removed.")
    boolean dryRun;

    @Option(names = "--no-sysv", description = "Do not scan System V segments.")
    boolean noSysV;

    @Override
    public Integer call()
    {
        try (Ringline ringline = Ringline.connect())
        {
            final long livenessMs = ringline.context().livenessTimeoutMs();
            for (final ChannelEntry entry : ChannelDirectory.list(!noSysV, paths))
            {
                final String uri = entry.location().uri();
                final String keep = force ? null : null == entry.status() ? "not a valid channel: " + entry.error() :
                    ChannelDirectory.inUse(entry, livenessMs) ? "in use by a running process" : null;
                if (null != keep)
                {
                    System.out.println("kept " + uri + ": " + keep);
                }
                else if (dryRun)
                {
                    System.out.println("would remove " + uri);
                }
                else
                {
                    ringline.removeChannel(uri);
                    System.out.println("removed " + uri);
                }
            }
            for (final ConductorFile file : ConductorFile.list())
            {
                if (file.alive())
                {
                    System.out.println("kept " + file.path() + ": conductor statistics of running process " +
                        file.pid());
                }
                else if (dryRun)
                {
                    System.out.println("would remove " + file.path());
                }
                else
                {
                    remove(file.path());
                }
            }
            final int queues = QueueDirectory.scan().queues().size();
            if (queues > 0)
            {
                System.out.println("kept " + queues + " message queue(s): a queue records no users, so clean " +
                    "cannot tell an abandoned one; see `ringline ls`, remove one with `ringline rm CHANNEL --force`");
            }
        }
        System.out.flush();
        return RinglineCli.EXIT_OK;
    }

    private static void remove(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
            System.out.println("removed " + file);
        }
        catch (final IOException ex)
        {
            System.out.println("kept " + file + ": " + ex.getMessage());
        }
    }
}
