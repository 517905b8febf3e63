package io.ringline.transport.mq;

import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a main class of the test classpath in a child JVM as user nobody (uid and gid 65534, no supplementary
 * groups) through {@code setpriv}, to test what another user may do with a queue. The classpath is copied to a
 * world-readable temporary directory first, since the build's own (e.g. ~/.m2 of root) is often private.
 */
public final class NobodyJvm
{
    /** The uid and gid the child runs as. */
    public static final int NOBODY = 65534;

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private NobodyJvm()
    {
    }

    /**
     * @return why a child cannot run as nobody here, or null when it can (root, with setpriv installed).
     */
    public static String unavailableReason()
    {
        try
        {
            final int uid = (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid != 0)
            {
                return "tests run as uid=" + uid + ", not root: cannot switch to nobody";
            }
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return "uid unknown: " + ex;
        }
        return Files.isExecutable(SETPRIV) ? null : SETPRIV + " is not installed";
    }

    /**
     * Runs the child to completion.
     *
     * @param mainClass class with a main method, on the test classpath.
     * @param timeoutMs how long the child may take.
     * @param args      its arguments.
     * @return everything it printed; the exit code is on the last line as {@code EXIT=n}.
     * @throws Exception when the classpath cannot be copied or the child cannot be started or waited for.
     */
    public static String run(final Class<?> mainClass, final long timeoutMs, final String... args) throws Exception
    {
        final Path dir = Files.createTempDirectory("ringline-nobody-cp-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try
        {
            final JavaCommand command = JavaCommand.of(mainClass, args).classpath(copyClasspath(dir))
                .options(List.of("-XX:-UsePerfData", "-Xmx128m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=/tmp"))
                .wrappedIn(List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
            try (ChildProcess child = ChildProcess.startLogged(
                "nobody " + command.description(), new ProcessBuilder(command.words()).directory(dir.toFile())))
            {
                final int exitCode = child.awaitExitCode(timeoutMs);
                return child.output() + "EXIT=" + exitCode;
            }
        }
        finally
        {
            deleteTree(dir);
        }
    }

    private static String copyClasspath(final Path dir) throws IOException
    {
        final StringBuilder classpath = new StringBuilder();
        int index = 0;
        for (final String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        {
            final Path source = Path.of(entry);
            if (!Files.exists(source))
            {
                continue;
            }
            final Path target = dir.resolve(index++ + "-" + source.getFileName());
            copy(source, target);
            classpath.append(classpath.length() == 0 ? "" : java.io.File.pathSeparator).append(target);
        }
        return classpath.toString();
    }

    private static void copy(final Path source, final Path target) throws IOException
    {
        try (Stream<Path> paths = Files.walk(source))
        {
            paths.forEach(path ->
            {
                final Path to = target.resolve(source.relativize(path).toString());
                try
                {
                    if (Files.isDirectory(path))
                    {
                        Files.createDirectories(to);
                        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                    else
                    {
                        Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
