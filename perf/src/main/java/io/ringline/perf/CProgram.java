package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A C reference peer compiled for this run: its source and {@code peer_common.h} (packaged from
 * {@code perf/src/main/c} under {@value #RESOURCE_DIRECTORY}) are copied into a fresh owner-only temporary directory
 * and built there with {@code gcc -O2}. {@link #close()} deletes the directory and the binary with it. The
 * directory is under {@code java.io.tmpdir}, not {@code /dev/shm}, which is often mounted {@code noexec}.
 *
 * <p>The compiler is {@value #GCC_DEFAULT}, looked up on the {@code PATH}, unless the system property
 * {@value #GCC_PROP_NAME} names another; if it cannot be run, {@link #compile(String)} throws
 * {@link PeerSkippedException}.
 */
public final class CProgram implements AutoCloseable
{
    /**
     * System property naming the C compiler.
     */
    public static final String GCC_PROP_NAME = BenchConfig.PROP_PREFIX + "gcc";

    /**
     * The C compiler used when {@value #GCC_PROP_NAME} is not set.
     */
    public static final String GCC_DEFAULT = "gcc";

    /**
     * Class path folder holding the C sources.
     */
    public static final String RESOURCE_DIRECTORY = "/io/ringline/perf/c/";

    private static final String GCC = System.getProperty(GCC_PROP_NAME, GCC_DEFAULT);
    private static final String COMMON_HEADER = "peer_common.h";
    private static final List<String> GCC_FLAGS = List.of("-O2", "-std=gnu11", "-Wall", "-Wextra");
    private static final long GCC_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(60);

    private final Path directory;
    private final Path executable;

    private CProgram(final Path directory, final Path executable)
    {
        this.directory = directory;
        this.executable = executable;
    }

    /**
     * Compiles one C peer.
     *
     * @param sourceName file name of the C source under {@value #RESOURCE_DIRECTORY}, e.g. {@code futex.c}.
     * @return the built program.
     * @throws PeerSkippedException if the C compiler cannot be run.
     * @throws IOException          if a source is missing, or the compiler fails or times out.
     * @throws InterruptedException if interrupted while compiling.
     */
    public static CProgram compile(final String sourceName)
        throws PeerSkippedException, IOException, InterruptedException
    {
        return compile(sourceName, List.of());
    }

    /**
     * Compiles one C peer with extra compiler flags, e.g. a {@code -D} that picks a variant.
     *
     * @param sourceName file name of the C source under {@value #RESOURCE_DIRECTORY}, e.g. {@code futex.c}.
     * @param flags      added after the usual flags.
     * @return the built program.
     * @throws PeerSkippedException if the C compiler cannot be run.
     * @throws IOException          if a source is missing, or the compiler fails or times out.
     * @throws InterruptedException if interrupted while compiling.
     */
    public static CProgram compile(final String sourceName, final List<String> flags)
        throws PeerSkippedException, IOException, InterruptedException
    {
        checkCompiler();
        final Path directory = Files.createTempDirectory("ringline-perf-c-");
        try
        {
            final Path source = copyResource(sourceName, directory);
            copyResource(COMMON_HEADER, directory);
            final Path executable = directory.resolve(sourceName.replaceFirst("\\.c$", ""));

            final List<String> command = new ArrayList<>();
            command.add(GCC);
            command.addAll(GCC_FLAGS);
            command.addAll(flags);
            command.add("-o");
            command.add(executable.toString());
            command.add(source.toString());
            run(command, sourceName);

            return new CProgram(directory, executable);
        }
        catch (final IOException | InterruptedException | RuntimeException ex)
        {
            ShmScratch.deleteRecursively(directory);
            throw ex;
        }
    }

    /**
     * @param args to the program.
     * @return the command line running the program with those arguments.
     */
    public List<String> command(final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);

        return command;
    }

    /**
     * Deletes the binary and its directory; the program must not be running any more.
     */
    public void close()
    {
        ShmScratch.deleteRecursively(directory);
    }

    private static void checkCompiler() throws PeerSkippedException, InterruptedException
    {
        try
        {
            run(List.of(GCC, "--version"), "--version");
        }
        catch (final IOException | UncheckedIOException ex)
        {
            throw new PeerSkippedException("gcc does not run: " + GCC_PROP_NAME + "=" + GCC + ", error=" +
                ex.getMessage());
        }
    }

    private static Path copyResource(final String name, final Path directory) throws IOException
    {
        try (InputStream in = CProgram.class.getResourceAsStream(RESOURCE_DIRECTORY + name))
        {
            if (in == null)
            {
                throw new IOException("C source not on the class path: resource=" + RESOURCE_DIRECTORY + name);
            }
            final Path target = directory.resolve(name);
            Files.copy(in, target);

            return target;
        }
    }

    // One run of gcc through ChildProcess (output logged, ended if it outlives the timeout or this JVM).
    private static void run(final List<String> command, final String sourceName)
        throws IOException, InterruptedException
    {
        try (ChildProcess gcc = ChildProcess.startLogged(
            "gcc " + sourceName, new ProcessBuilder(command).redirectInput(Redirect.from(new File("/dev/null")))))
        {
            if (!gcc.awaitExit(GCC_TIMEOUT_MS))
            {
                throw new IOException("gcc timed out: source=" + sourceName + ", timeoutMs=" + GCC_TIMEOUT_MS);
            }
            if (gcc.exitCode() != 0)
            {
                throw new IOException("gcc failed: source=" + sourceName + ", exitCode=" + gcc.exitCode() +
                    ", output=" + gcc.output().trim());
            }
        }
    }
}
