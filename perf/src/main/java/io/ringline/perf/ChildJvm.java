package io.ringline.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A second JVM running a given main class: same {@code java} binary, same class path, the Agrona
 * {@code --add-exports} flag, and the parent's {@code aeron.*} and {@code agrona.*} system properties. Its stdout and
 * stderr are merged and copied, line by line with a {@code [label]} prefix, to this JVM's stderr, so it never blocks
 * on a full pipe. {@link #close()} ends the child and everything it started.
 */
public final class ChildJvm implements AutoCloseable
{
    /**
     * The option every JVM running Agrona 2.x needs, as two command line words.
     */
    public static final List<String> ADD_EXPORTS_OPTION =
        List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

    /**
     * System property with extra JVM options for every child, separated by spaces, e.g. {@code -Xmx256m}.
     */
    public static final String CHILD_JVM_OPTIONS_PROP_NAME = "ringline.perf.childJvmOptions";

    private static final long GRACEFUL_STOP_MS = 5_000;
    private static final long OUTPUT_DRAIN_MS = 1_000;
    private static final String[] FORWARDED_PROPERTY_PREFIXES = { "aeron.", "agrona." };

    private final String label;
    private final Process process;
    private final Thread outputPump;

    private ChildJvm(final String label, final Process process, final Thread outputPump)
    {
        this.label = label;
        this.process = process;
        this.outputPump = outputPump;
    }

    /**
     * Starts a child JVM.
     *
     * @param label     short name used to prefix the child's output and in error messages.
     * @param mainClass class whose {@code main} the child runs.
     * @param args      arguments to {@code main}.
     * @return the running child.
     * @throws IOException if the process cannot be started.
     */
    public static ChildJvm start(final String label, final Class<?> mainClass, final List<String> args)
        throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(command(mainClass, args)).redirectErrorStream(true);
        final Process process = builder.start();
        final Thread pump = new Thread(() -> copyLines(process, label, System.err), "child-output-" + label);
        pump.setDaemon(true);
        pump.start();

        return new ChildJvm(label, process, pump);
    }

    /**
     * @return the label given at start.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the child's process id.
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
     * @return the exit code; only valid once {@link #isAlive()} is false.
     */
    public int exitCode()
    {
        return process.exitValue();
    }

    /**
     * Waits for the child to exit by itself and checks it succeeded.
     *
     * @param timeoutMs how long to wait.
     * @throws TimeoutException     if the child is still running after the timeout.
     * @throws IllegalStateException if the child exited with a non-zero code.
     * @throws InterruptedException if interrupted while waiting.
     */
    public void awaitSuccess(final long timeoutMs) throws TimeoutException, InterruptedException
    {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
        {
            throw new TimeoutException("child did not exit: label=" + label + ", timeoutMs=" + timeoutMs);
        }
        outputPump.join(OUTPUT_DRAIN_MS);

        final int exitCode = process.exitValue();
        if (exitCode != 0)
        {
            throw new IllegalStateException("child failed: label=" + label + ", exitCode=" + exitCode);
        }
    }

    /**
     * Stops the child and its descendants: a polite termination first, then a forced kill after a grace period.
     */
    public void close()
    {
        if (process.isAlive())
        {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try
            {
                if (!process.waitFor(GRACEFUL_STOP_MS, TimeUnit.MILLISECONDS))
                {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(GRACEFUL_STOP_MS, TimeUnit.MILLISECONDS);
                }
                outputPump.join(OUTPUT_DRAIN_MS);
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @return label and pid, for messages.
     */
    public String toString()
    {
        return "ChildJvm{label=" + label + ", pid=" + process.pid() + "}";
    }

    private static List<String> command(final Class<?> mainClass, final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(ADD_EXPORTS_OPTION);
        for (final String name : System.getProperties().stringPropertyNames())
        {
            for (final String prefix : FORWARDED_PROPERTY_PREFIXES)
            {
                if (name.startsWith(prefix))
                {
                    command.add("-D" + name + "=" + System.getProperty(name));
                }
            }
        }
        for (final String option : System.getProperty(CHILD_JVM_OPTIONS_PROP_NAME, "").trim().split("\\s+"))
        {
            if (!option.isEmpty())
            {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);

        return command;
    }

    private static String javaBinary()
    {
        return ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void copyLines(final Process process, final String label, final PrintStream out)
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                out.println("[" + label + "] " + line);
            }
        }
        catch (final IOException ignore)
        {
            // the child has gone; nothing more to copy
        }
    }
}
