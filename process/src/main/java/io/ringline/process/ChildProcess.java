package io.ringline.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process, often a second JVM ({@link JavaCommand}), that never outlives its parent: {@link #close()} ends it
 * and everything it started (SIGTERM, then SIGKILL after {@link #TERM_GRACE_MS}), and a shutdown hook does the same
 * for every child still running when the parent exits. Its output goes one of three ways, chosen by the factory:
 * <ul>
 *     <li>{@link #start(String, ProcessBuilder)}: as the {@link ProcessBuilder} says (inherited, to a file, pipes for
 *     the caller);</li>
 *     <li>{@link #startLogged(String, ProcessBuilder)}: stdout and stderr merged into a temporary file that
 *     {@link #output()} reads and {@link #close()} deletes;</li>
 *     <li>{@link #startCopied(String, ProcessBuilder)}: copied line by line, prefixed {@code [label]}, to this
 *     process's stderr, so the child never blocks on a full pipe.</li>
 * </ul>
 */
public final class ChildProcess implements AutoCloseable
{
    /**
     * How long a child has to exit after SIGTERM before it gets SIGKILL.
     */
    public static final long TERM_GRACE_MS = 5_000;

    private static final long OUTPUT_DRAIN_MS = 1_000;
    private static final long POLL_MS = 10;
    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Thread SHUTDOWN_HOOK = new Thread(ChildProcess::killAllRunning, "ringline-child-reaper");

    static
    {
        Runtime.getRuntime().addShutdownHook(SHUTDOWN_HOOK);
    }

    private final String label;
    private final Process process;
    private final Path log;
    private final Thread outputCopier;

    private ChildProcess(final String label, final Process process, final Path log, final Thread outputCopier)
    {
        this.label = label;
        this.process = process;
        this.log = log;
        this.outputCopier = outputCopier;
    }

    /**
     * Starts a child whose input and output go where the builder says.
     *
     * @param label   short name for messages.
     * @param builder the command, its redirects, directory and environment.
     * @return the running child.
     */
    public static ChildProcess start(final String label, final ProcessBuilder builder)
    {
        return register(label, startProcess(label, builder), null, null);
    }

    /**
     * Starts a child with stdout and stderr merged into a temporary file, read by {@link #output()}.
     *
     * @param label   short name for messages.
     * @param builder the command; its output redirects are replaced.
     * @return the running child.
     */
    public static ChildProcess startLogged(final String label, final ProcessBuilder builder)
    {
        final Path log;
        try
        {
            log = Files.createTempFile("ringline-child-", ".log");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no log file for child: label=" + label, ex);
        }
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try
        {
            return register(label, startProcess(label, builder), log, null);
        }
        catch (final RuntimeException ex)
        {
            deleteLog(log);
            throw ex;
        }
    }

    /**
     * Starts a JVM with stdout and stderr merged into a temporary file, read by {@link #output()}.
     *
     * @param command the java command.
     * @return the running child, labelled with {@link JavaCommand#description()}.
     */
    public static ChildProcess startLogged(final JavaCommand command)
    {
        return startLogged(command.description(), new ProcessBuilder(command.words()));
    }

    /**
     * A small JVM ({@link JavaCommand#SMALL_HEAP}) with this JVM's classpath and its output logged: the usual child
     * of a test.
     *
     * @param mainClass class with a {@code main} method.
     * @param args      its arguments.
     * @return the running child.
     */
    public static ChildProcess startJvm(final Class<?> mainClass, final String... args)
    {
        return startLogged(JavaCommand.of(mainClass, args).options(JavaCommand.SMALL_HEAP));
    }

    /**
     * Starts a child whose output is copied, line by line with a {@code [label]} prefix, to this process's stderr. When
     * the builder merges stderr into stdout, both are copied; otherwise only stderr is, and stdin and stdout stay pipes
     * for the caller ({@link Process#getOutputStream()}, {@link Process#getInputStream()}).
     *
     * @param label   prefix of every copied line.
     * @param builder the command.
     * @return the running child.
     */
    public static ChildProcess startCopied(final String label, final ProcessBuilder builder)
    {
        final boolean merged = builder.redirectErrorStream();
        final Process process = startProcess(label, builder);
        final InputStream copied = merged ? process.getInputStream() : process.getErrorStream();
        final Thread copier = new Thread(() -> copyLines(label, copied), "child-output-" + label);
        copier.setDaemon(true);
        copier.start();
        return register(label, process, null, copier);
    }

    /**
     * @return the label given at start.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the child's process.
     */
    public Process process()
    {
        return process;
    }

    /**
     * @return the child's pid (the wrapper's, which is the JVM's when the wrapper execs).
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * @return true while the child runs.
     */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * @return the exit code.
     * @throws IllegalStateException while the child runs.
     */
    public int exitCode()
    {
        if (process.isAlive())
        {
            throw new IllegalStateException("child still running: " + this);
        }
        return process.exitValue();
    }

    /**
     * Waits for the child to exit by itself, without judging how.
     *
     * @param timeoutMs how long to wait at most.
     * @return true if it has exited.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean awaitExit(final long timeoutMs) throws InterruptedException
    {
        final boolean exited = process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
        if (exited && null != outputCopier)
        {
            outputCopier.join(OUTPUT_DRAIN_MS);
        }
        return exited;
    }

    /**
     * Waits for the child to exit by itself.
     *
     * @param timeoutMs how long to wait.
     * @return its exit code.
     * @throws IllegalStateException when it still runs after the timeout; it is then ended.
     * @throws InterruptedException  if interrupted while waiting.
     */
    public int awaitExitCode(final long timeoutMs) throws InterruptedException
    {
        if (!awaitExit(timeoutMs))
        {
            stop();
            throw new IllegalStateException("child still running after timeoutMs=" + timeoutMs + ": " + this +
                outputForMessage());
        }
        return process.exitValue();
    }

    /**
     * Waits for the child to print a line ({@link #startLogged(String, ProcessBuilder)} only).
     *
     * @param line      the exact line.
     * @param timeoutMs how long to wait.
     * @throws IllegalStateException when the child exits or the time passes first.
     * @throws InterruptedException  if interrupted while waiting.
     */
    public void awaitLine(final String line, final long timeoutMs) throws InterruptedException
    {
        checkLogged();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (output().lines().anyMatch(line::equals))
            {
                return;
            }
            if (!process.isAlive())
            {
                if (output().lines().anyMatch(line::equals))
                {
                    return;
                }
                throw new IllegalStateException(this + " exited with " + process.exitValue() + " before printing '" +
                    line + "'" + outputForMessage());
            }
            Thread.sleep(POLL_MS);
        }
        throw new IllegalStateException(this + " did not print '" + line + "' within timeoutMs=" + timeoutMs +
            outputForMessage());
    }

    /**
     * @return everything the child printed so far ({@link #startLogged(String, ProcessBuilder)} only).
     */
    public String output()
    {
        checkLogged();
        try
        {
            return Files.readString(log);
        }
        catch (final IOException ex)
        {
            return "<no output: " + ex + ">";
        }
    }

    /**
     * Kills the child with SIGKILL at once, without a chance to clean up, and waits for it to be reaped.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    public void kill() throws InterruptedException
    {
        process.destroyForcibly().waitFor(TERM_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Ends the child and its descendants: SIGTERM, then SIGKILL after {@link #TERM_GRACE_MS}.
     */
    public void stop()
    {
        stop(process, 0);
    }

    /**
     * Gives a process time to exit by itself, then ends it and its descendants: SIGTERM, then SIGKILL after
     * {@link #TERM_GRACE_MS}. An interrupt kills it at once and stays set on the thread.
     *
     * @param process      the process, e.g. one that was told to finish by closing its input.
     * @param exitWaitMs   how long it may take to exit by itself first, 0 for not at all.
     */
    public static void stop(final Process process, final long exitWaitMs)
    {
        try
        {
            if (exitWaitMs > 0 && process.waitFor(exitWaitMs, TimeUnit.MILLISECONDS))
            {
                return;
            }
            if (process.isAlive())
            {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(TERM_GRACE_MS, TimeUnit.MILLISECONDS))
                {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(TERM_GRACE_MS, TimeUnit.MILLISECONDS);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the child if it still runs ({@link #stop()}), waits for its copied output and deletes its log.
     */
    @Override
    public void close()
    {
        stop();
        RUNNING.remove(this);
        if (null != outputCopier)
        {
            try
            {
                outputCopier.join(OUTPUT_DRAIN_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (null != log)
        {
            deleteLog(log);
        }
    }

    /**
     * @return label and pid, for messages.
     */
    @Override
    public String toString()
    {
        return "child{label=" + label + ", pid=" + process.pid() + "}";
    }

    private static Process startProcess(final String label, final ProcessBuilder builder)
    {
        try
        {
            return builder.start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("child could not be started: label=" + label + ", command=" +
                builder.command() + ": " + ex.getMessage(), ex);
        }
    }

    private static ChildProcess register(
        final String label, final Process process, final Path log, final Thread outputCopier)
    {
        final ChildProcess child = new ChildProcess(label, process, log, outputCopier);
        RUNNING.add(child);
        return child;
    }

    private static void killAllRunning()
    {
        for (final ChildProcess child : RUNNING)
        {
            child.process.descendants().forEach(ProcessHandle::destroyForcibly);
            child.process.destroyForcibly();
        }
    }

    private void checkLogged()
    {
        if (null == log)
        {
            throw new IllegalStateException("output is not logged, start with startLogged: " + this);
        }
    }

    private String outputForMessage()
    {
        return null == log ? "" : ":\n" + output();
    }

    private static void copyLines(final String label, final InputStream output)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                System.err.println("[" + label + "] " + line);
            }
        }
        catch (final IOException ignore)
        {
            // the child has gone; nothing more to copy
        }
    }

    private static void deleteLog(final Path log)
    {
        try
        {
            Files.deleteIfExists(log);
        }
        catch (final IOException ignore)
        {
            // a stray log in the temporary directory
        }
    }
}
