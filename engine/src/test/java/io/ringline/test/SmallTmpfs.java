package io.ringline.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A small tmpfs mounted for a test that needs a file system to fill up, or, where mounting is not permitted (not
 * root), the reason the test is skipped.
 */
public final class SmallTmpfs implements AutoCloseable
{
    private final Path path;
    private final String skipReason;

    private SmallTmpfs(final Path path, final String skipReason)
    {
        this.path = path;
        this.skipReason = skipReason;
    }

    /**
     * Mounts a tmpfs of the given size, mode 0700, on a new temporary directory.
     *
     * @param size e.g. {@code 20M}.
     * @return the mount, or one that skips the tests that need it.
     */
    public static SmallTmpfs mount(final String size) throws IOException, InterruptedException
    {
        final Path path = Files.createTempDirectory("ringline-nospace-");
        final Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700",
            "tmpfs", path.toString()).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        String skipReason = null;
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0)
        {
            skipReason = "cannot mount a tmpfs here (" + output.trim() + "): no-space tests skipped";
            System.out.println(skipReason);
        }
        return new SmallTmpfs(path, skipReason);
    }

    /**
     * @return the mount point.
     */
    public Path path()
    {
        return path;
    }

    /**
     * Skips the calling test when the tmpfs could not be mounted.
     */
    public void assumeMounted()
    {
        assumeTrue(null == skipReason, skipReason);
    }

    /**
     * Unmounts it and removes the mount point.
     */
    @Override
    public void close() throws IOException, InterruptedException
    {
        if (null == skipReason)
        {
            final Process process = new ProcessBuilder("umount", path.toString()).inheritIO().start();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "umount " + path);
        }
        Files.deleteIfExists(path);
    }
}
