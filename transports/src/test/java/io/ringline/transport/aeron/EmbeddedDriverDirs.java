package io.ringline.transport.aeron;

import org.agrona.IoUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The directories embedded drivers leave in /dev/shm when their process is killed: listed, and removed per process.
 */
public final class EmbeddedDriverDirs
{
    private static final Path SHM = Path.of("/dev/shm");
    private static final String PREFIX = "ringline-aeron-";

    private EmbeddedDriverDirs()
    {
    }

    /**
     * @return every embedded driver directory now present, sorted.
     */
    public static List<Path> list()
    {
        return list(PREFIX);
    }

    /**
     * @param pid a process.
     * @return the embedded driver directories of that process, sorted.
     */
    public static List<Path> of(final long pid)
    {
        return list(PREFIX + pid + "-");
    }

    /**
     * Removes the embedded driver directories of a process (killed, so it could not).
     *
     * @param pid the process.
     */
    public static void deleteOf(final long pid)
    {
        for (final Path dir : list(PREFIX + pid + "-"))
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    private static List<Path> list(final String prefix)
    {
        try (var entries = Files.list(SHM))
        {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
