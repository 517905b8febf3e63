package io.ringline.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child's "I am ready" for children whose output the harness only copies (started through {@link BenchSession}):
 * the child creates an empty file in the run's directory once its channels are open, the harness waits for it with
 * {@link #await(Path, String, Watchdog)}. Deleted with the run's directory.
 */
public final class ReadyFile
{
    private ReadyFile()
    {
    }

    /**
     * @param file to create.
     * @throws UncheckedIOException if it cannot be created.
     */
    public static void create(final Path file)
    {
        try
        {
            Files.createFile(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the ready file: file=" + file, ex);
        }
    }

    /**
     * Waits, within the run's deadline, for a child to create the file.
     *
     * @param file     the child creates.
     * @param what     the child, for the watchdog's message.
     * @param watchdog of the run; fails the wait when a watched child dies or the deadline passes.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static void await(final Path file, final String what, final Watchdog watchdog) throws InterruptedException
    {
        watchdog.await(what + " to be ready (" + file.getFileName() + ")", () -> Files.exists(file));
    }
}
