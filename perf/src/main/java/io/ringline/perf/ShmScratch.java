package io.ringline.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one directory under {@code /dev/shm} a benchmark process writes to, {@code /dev/shm/ringline-perf-<pid>-<random>}
 * (owner-only), with one sub-directory per run. {@link #close()} deletes it all; a JVM shutdown hook does the same
 * (after killing any child processes still running) if the harness is interrupted before it gets there. A harness
 * killed outright leaves its directory behind; the next one removes directories whose pid is no longer running.
 */
public final class ShmScratch implements AutoCloseable
{
    /**
     * Where shared memory files live on Linux.
     */
    public static final Path SHM_ROOT = Path.of("/dev/shm");

    private static final String DIRECTORY_PREFIX = "ringline-perf-";

    private final Path root;
    private final Thread shutdownHook;
    private int runCount;

    private ShmScratch(final Path root)
    {
        this.root = root;
        this.shutdownHook = new Thread(this::cleanUpAfterInterrupt, "shm-scratch-cleanup");
    }

    /**
     * Creates the scratch directory and registers the shutdown hook.
     *
     * @return the scratch space.
     * @throws IOException if {@code /dev/shm} is missing or the directory cannot be created.
     */
    public static ShmScratch create() throws IOException
    {
        if (!Files.isDirectory(SHM_ROOT))
        {
            throw new IOException("shared memory directory missing: path=" + SHM_ROOT);
        }
        deleteLeftovers();
        final ShmScratch scratch = new ShmScratch(
            Files.createTempDirectory(SHM_ROOT, DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-"));
        Runtime.getRuntime().addShutdownHook(scratch.shutdownHook);

        return scratch;
    }

    /**
     * @return the scratch directory.
     */
    public Path root()
    {
        return root;
    }

    /**
     * Creates a fresh directory for one run.
     *
     * @param label becomes part of the directory name.
     * @return the new directory.
     * @throws IOException if it cannot be created.
     */
    public Path newRunDirectory(final String label) throws IOException
    {
        return Files.createDirectory(root.resolve(String.format("%03d-%s", ++runCount, label)));
    }

    /**
     * Deletes a file or directory tree if it exists.
     *
     * @param path to delete.
     * @throws UncheckedIOException if something cannot be deleted.
     */
    public static void deleteRecursively(final Path path)
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(path))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(ShmScratch::deleteOne);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Deletes the scratch directory and everything under it, and removes the shutdown hook.
     */
    public void close()
    {
        deleteRecursively(root);
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ignore)
        {
            // already shutting down: the hook runs anyway
        }
    }

    private static void deleteLeftovers() throws IOException
    {
        try (Stream<Path> paths = Files.list(SHM_ROOT))
        {
            paths.filter(ShmScratch::isLeftover).forEach(ShmScratch::deleteRecursively);
        }
    }

    private static boolean isLeftover(final Path path)
    {
        final String name = path.getFileName().toString();
        if (!name.startsWith(DIRECTORY_PREFIX) || !Files.isDirectory(path))
        {
            return false;
        }
        final String rest = name.substring(DIRECTORY_PREFIX.length());
        final int dash = rest.indexOf('-');
        try
        {
            final long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return ProcessHandle.of(pid).isEmpty();
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    private void cleanUpAfterInterrupt()
    {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.current().descendants().forEach(child -> child.onExit().join());
        deleteRecursively(root);
    }

    private static void deleteOne(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
