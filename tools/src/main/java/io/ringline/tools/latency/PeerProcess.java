package io.ringline.tools.latency;

import io.ringline.RinglineException;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second {@code ringline} process started by {@code ping --spawn-pong} or {@code throughput}: the same java, the
 * same JVM flags and classpath, running {@code io.ringline.tools.RinglineCli} with the given arguments, under
 * {@code taskset} when it is placed on a CPU. It exits by itself when this process dies ({@code --parent-pid});
 * {@link #close()} stops it (SIGTERM, then SIGKILL) and removes its log. Its standard error goes to a file, quoted
 * when it fails.
 */
public final class PeerProcess implements AutoCloseable
{
    private final Process process;
    private final Path log;
    private final String description;

    private PeerProcess(final Process process, final Path log, final String description)
    {
        this.process = process;
        this.log = log;
        this.description = description;
    }

    /**
     * @param placement where the process runs: its {@link Placement#peerPrefix()} goes before the command.
     * @param args      the {@code ringline} arguments, e.g. {@code pong --channel shm:x}.
     * @return the running process.
     */
    public static PeerProcess start(final Placement placement, final List<String> args)
    {
        final List<String> command = new ArrayList<>(placement.peerPrefix());
        command.add(ProcessHandle.current().info().command().orElse(
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.ringline.tools.RinglineCli");
        command.addAll(args);
        command.add("--parent-pid");
        command.add(Long.toString(ProcessHandle.current().pid()));
        final String description = "ringline " + String.join(" ", args);
        try
        {
            final Path log = Files.createTempFile("ringline-peer-", ".log");
            final Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile())
                .redirectInput(new File("/dev/null"))
                .start();
            return new PeerProcess(process, log, description);
        }
        catch (final IOException ex)
        {
            throw new RinglineException("could not start `" + description + "`: " + ex.getMessage(), ex);
        }
    }

    /**
     * @throws RinglineException quoting the process's error when it has exited.
     */
    public void checkRunning()
    {
        if (!process.isAlive())
        {
            throw new RinglineException("`" + description + "` exited with code " + process.exitValue() + ": " +
                lastErrorLine());
        }
    }

    /**
     * @return the process id.
     */
    public long pid()
    {
        return process.pid();
    }

    private String lastErrorLine()
    {
        try
        {
            final List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        }
        catch (final IOException ex)
        {
            return "(log unreadable: " + ex.getMessage() + ")";
        }
    }

    @Override
    public void close()
    {
        try
        {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        finally
        {
            try
            {
                Files.deleteIfExists(log);
            }
            catch (final IOException ignore)
            {
                // a stray log in the temp directory
            }
        }
    }
}
