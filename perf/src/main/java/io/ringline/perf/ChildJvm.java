package io.ringline.perf;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A child process of the harness, normally a second JVM running a given main class: same {@code java} binary, same
 * class path, the Agrona {@code --add-exports} flag, the parent's garbage collector and heap size options
 * ({@code -XX:+Use...GC}, {@code -Xms}, {@code -Xmx}), and the parent's {@code aeron.*} and {@code agrona.*} system
 * properties. Its stdout and stderr are merged and copied, line by line with a {@code [label]} prefix, to this JVM's
 * stderr, so it never blocks on a full pipe. {@link #close()} ends the child and everything it started.
 *
 * <p>Two variants: {@link #startWithPipes(String, Class, List)} leaves the child JVM's stdin and stdout as raw pipes
 * for the caller ({@link #stdin()}, {@link #stdout()}) and copies only its stderr; {@link #startProgram(String, List)}
 * runs any other executable, e.g. a compiled C peer, with the same output copying and stopping.
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
    private static final Pattern FORWARDED_OPTION_PATTERN = Pattern.compile("-XX:[+-]?Use\\w+GC|-Xm[sx]\\w+");
    private static final String VM_OUTPUT_TO_STDERR_OPTION = "-XX:+DisplayVMOutputToStderr";

    private final String label;
    private final Process process;
    private final Thread outputPump;
    private final boolean rawStdio;

    private ChildJvm(final String label, final Process process, final Thread outputPump, final boolean rawStdio)
    {
        this.label = label;
        this.process = process;
        this.outputPump = outputPump;
        this.rawStdio = rawStdio;
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
        return startMerged(label, CpuPinning.childPrefix(), command(mainClass, List.of(), args));
    }

    /**
     * Starts a child JVM that is neither side of a measurement, e.g. a media driver: wherever the scheduler puts it,
     * whatever the pinning mode, as its authors run it.
     *
     * @param label     short name used to prefix the child's output and in error messages.
     * @param mainClass class whose {@code main} the child runs.
     * @param args      arguments to {@code main}.
     * @return the running child.
     * @throws IOException if the process cannot be started.
     */
    public static ChildJvm startUnpinned(final String label, final Class<?> mainClass, final List<String> args)
        throws IOException
    {
        return startMerged(label, List.of(), command(mainClass, List.of(), args));
    }

    /**
     * Starts a child JVM whose stdin and stdout stay raw pipes for the caller, e.g. as a transport under test. Only
     * its stderr is copied; the JVM's own messages are sent to stderr too, so stdout carries nothing but what the
     * child program writes to it.
     *
     * @param label     short name used to prefix the child's stderr and in error messages.
     * @param mainClass class whose {@code main} the child runs.
     * @param args      arguments to {@code main}.
     * @return the running child; write to {@link #stdin()}, read from {@link #stdout()}.
     * @throws IOException if the process cannot be started.
     */
    public static ChildJvm startWithPipes(final String label, final Class<?> mainClass, final List<String> args)
        throws IOException
    {
        final Process process = new ProcessBuilder(
            pinned(CpuPinning.childPrefix(), command(mainClass, List.of(VM_OUTPUT_TO_STDERR_OPTION), args))).start();

        return new ChildJvm(label, process, startPump(label, process.getErrorStream()), true);
    }

    /**
     * Starts any executable, not a JVM: stdout and stderr merged and copied like a child JVM's.
     *
     * @param label   short name used to prefix the child's output and in error messages.
     * @param command the executable and its arguments.
     * @return the running child.
     * @throws IOException if the process cannot be started.
     */
    public static ChildJvm startProgram(final String label, final List<String> command) throws IOException
    {
        return startMerged(label, CpuPinning.childPrefix(), command);
    }

    /**
     * Starts any executable that plays the ping side, placed where the harness's ping thread runs
     * ({@link CpuPinning#pingPrefix()}); otherwise as {@link #startProgram(String, List)}.
     *
     * @param label   short name used to prefix the child's output and in error messages.
     * @param command the executable and its arguments.
     * @return the running child.
     * @throws IOException if the process cannot be started.
     */
    public static ChildJvm startPingProgram(final String label, final List<String> command) throws IOException
    {
        return startMerged(label, CpuPinning.pingPrefix(), command);
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
     * @return the child's stdin, to write to.
     * @throws IllegalStateException unless started by {@link #startWithPipes(String, Class, List)}.
     */
    public OutputStream stdin()
    {
        checkRawStdio();
        return process.getOutputStream();
    }

    /**
     * @return the child's stdout, to read from.
     * @throws IllegalStateException unless started by {@link #startWithPipes(String, Class, List)}.
     */
    public InputStream stdout()
    {
        checkRawStdio();
        return process.getInputStream();
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
     * Waits for the child to exit by itself, without judging how.
     *
     * @param timeoutMs how long to wait at most.
     * @return true if the child has exited.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean awaitExit(final long timeoutMs) throws InterruptedException
    {
        return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
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

    private static ChildJvm startMerged(final String label, final List<String> prefix, final List<String> command)
        throws IOException
    {
        final Process process = new ProcessBuilder(pinned(prefix, command)).redirectErrorStream(true).start();

        return new ChildJvm(label, process, startPump(label, process.getInputStream()), false);
    }

    private static Thread startPump(final String label, final InputStream output)
    {
        final Thread pump = new Thread(() -> copyLines(output, label, System.err), "child-output-" + label);
        pump.setDaemon(true);
        pump.start();

        return pump;
    }

    private void checkRawStdio()
    {
        if (!rawStdio)
        {
            throw new IllegalStateException("stdin and stdout are not pipes for the caller: label=" + label);
        }
    }

    private static List<String> pinned(final List<String> prefix, final List<String> command)
    {
        final List<String> pinned = new ArrayList<>(prefix);
        pinned.addAll(command);
        return pinned;
    }

    private static List<String> command(final Class<?> mainClass, final List<String> options, final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(ADD_EXPORTS_OPTION);
        command.addAll(options);
        for (final String option : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (FORWARDED_OPTION_PATTERN.matcher(option).matches())
            {
                command.add(option);
            }
        }
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

    private static void copyLines(final InputStream output, final String label, final PrintStream out)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8)))
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
