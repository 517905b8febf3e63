package io.ringline.tools.stat;

import io.ringline.os.ProcessIdentity;
import io.ringline.ring.ConductorStatsDescriptor;
import io.ringline.ring.RingTransportProvider;
import io.ringline.tools.inspect.ChannelLocation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static io.ringline.ring.ConductorStatsDescriptor.*;

/**
 * A conductor statistics file ({@link ConductorStatsDescriptor}) in the shm directory and whether the process that
 * made it still runs: the pid from the name {@code ringline-conductor-PID-N}, the start time from the header when
 * the file is complete (a reused pid is then told from its first owner).
 *
 * @param path      the file.
 * @param pid       the process that made it.
 * @param startTime its start time, ticks since boot; 0 when the file does not say.
 * @param alive     whether that process runs.
 */
public record ConductorFile(Path path, long pid, long startTime, boolean alive)
{
    /**
     * @return every conductor statistics file in the shm directory, sorted by name.
     */
    public static List<ConductorFile> list()
    {
        final List<ConductorFile> files = new ArrayList<>();
        final String prefix = RingTransportProvider.SHM_PREFIX + NAME_PREFIX;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of(ChannelLocation.shmDir()), prefix + "*"))
        {
            for (final Path path : found)
            {
                final long pid = pidOf(path.getFileName().toString().substring(prefix.length()));
                if (pid > 0)
                {
                    final long startTime = startTimeOf(path, pid);
                    files.add(new ConductorFile(path, pid, startTime, ProcessIdentity.isAlive(pid, startTime)));
                }
            }
        }
        catch (final IOException ex)
        {
            // no shm directory: no files
        }
        files.sort((a, b) -> a.path.compareTo(b.path));
        return files;
    }

    private static long pidOf(final String pidAndInstance)
    {
        final int dash = pidAndInstance.indexOf('-');
        try
        {
            return dash > 0 ? Long.parseLong(pidAndInstance.substring(0, dash)) : -1;
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static long startTimeOf(final Path path, final long pid)
    {
        final ByteBuffer header = ByteBuffer.allocate(HISTOGRAM_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
        {
            while (header.hasRemaining() && channel.read(header) > 0)
            {
                // reads the header
            }
        }
        catch (final IOException ex)
        {
            return 0;
        }
        final boolean complete = !header.hasRemaining() && header.getLong(MAGIC_OFFSET) == MAGIC &&
            header.getLong(PID_OFFSET) == pid;
        return complete ? header.getLong(PROCESS_START_OFFSET) : 0;
    }
}
