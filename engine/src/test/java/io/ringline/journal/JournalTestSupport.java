package io.ringline.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the journal tests share: naming a test journal's directory, and removing it whatever it holds.
 */
final class JournalTestSupport
{
    private JournalTestSupport()
    {
    }

    /**
     * @param prefix the start of the directory's name.
     * @return a directory path under {@code java.io.tmpdir} that no other test uses; not created.
     */
    static Path temporaryDirectory(final String prefix)
    {
        return Path.of(System.getProperty("java.io.tmpdir"),
            prefix + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1));
    }

    static void deleteTree(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
