package io.ringline.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM started by a test: same java binary, same classpath, the Agrona flag, a main class from the test
 * classpath. Its stdout and stderr go to a file that {@link #output()} reads; closing destroys it if still running.
 */
public final class ChildJvm implements AutoCloseable
{
    private final Process process;
    private final Path log;
    private final String description;

    private ChildJvm(final Process process, final Path log, final String description)
    {
        this.process = process;
        this.log = log;
        this.description = description;
    }

    /**
     * Starts a child JVM.
     *
     * @param mainClass class with a main method.
     * @param args      its arguments.
     * @return the running child.
     */
    public static ChildJvm start(final Class<?> mainClass, final String... args)
    {
        return startWrapped(List.of(), mainClass, args);
    }

    /**
     * Starts a child JVM through a wrapper command that ends by exec-ing its arguments, e.g.
     * {@code setpriv --bounding-set=-all --} (no capabilities) or {@code sh -c 'umask 077; exec "$@"' sh}.
     *
     * @param wrapper   the wrapper's command words, placed before the java command.
     * @param mainClass class with a main method.
     * @param args      its arguments.
     * @return the running child; {@link #pid()} is the wrapper's pid, which is the JVM's when the wrapper execs.
     */
    public static ChildJvm startWrapped(final List<String> wrapper, final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>(wrapper);
        command.addAll(javaCommand(mainClass, args));
        try
        {
            final Path log = Files.createTempFile("ringline-child-", ".log");
            final Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            return new ChildJvm(process, log, mainClass.getSimpleName() + " " + String.join(" ", args));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("could not start child JVM: " + command, ex);
        }
    }

    /**
     * The command that runs a main class of this classpath in a new JVM, for a test that starts it itself.
     *
     * @param mainClass class with a main method.
     * @param args      its arguments.
     * @return the java binary, the flags every Ringline JVM needs, the classpath, the class and its arguments.
     */
    public static List<String> javaCommand(final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * @return the child's process.
     */
    public Process process()
    {
        return process;
    }

    /**
     * @return the child's pid.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * Waits for the child to print a line.
     *
     * @param line      the exact line.
     * @param timeoutMs how long to wait.
     * @throws AssertionError when it exits or the time passes first.
     */
    public void awaitLine(final String line, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            if (output().lines().anyMatch(line::equals))
            {
                return;
            }
            if (!process.isAlive())
            {
                throw new AssertionError(description + " exited with " + process.exitValue() +
                    " before printing '" + line + "':\n" + output());
            }
            Thread.sleep(10);
        }
        throw new AssertionError(description + " did not print '" + line + "' within " + timeoutMs + " ms:\n" +
            output());
    }

    /**
     * Waits for the child to exit.
     *
     * @param timeoutMs how long to wait.
     * @return its exit code.
     * @throws AssertionError when it is still running after the timeout (it is then destroyed).
     */
    public int awaitExit(final long timeoutMs) throws InterruptedException
    {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError(description + " still running after " + timeoutMs + " ms:\n" + output());
        }
        return process.exitValue();
    }

    /**
     * @return everything the child printed so far.
     */
    public String output()
    {
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
     * Kills the child with SIGKILL and waits for it to be reaped.
     */
    public void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception
    {
        if (process.isAlive())
        {
            kill();
        }
        Files.deleteIfExists(log);
    }
}
