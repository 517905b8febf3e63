package io.ringline.tools.latency;

import io.ringline.RinglineException;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import io.ringline.tools.RinglineCli;

import java.io.File;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A second {@code ringline} process started by {@code ping --spawn-pong} or {@code throughput}: the same java, the
 * same JVM flags and classpath, running {@link RinglineCli} with the given arguments, under {@code taskset} when it is
 * placed on a CPU. It exits by itself when this process dies ({@code --parent-pid}); {@link #close()} stops it
 * ({@link ChildProcess#close()}: SIGTERM, then SIGKILL). Its output goes to a log, whose last line is quoted when it
 * fails.
 */
public final class PeerProcess implements AutoCloseable
{
    private final ChildProcess process;

    private PeerProcess(final ChildProcess process)
    {
        this.process = process;
    }

    /**
     * @param placement where the process runs: its {@link Placement#peerPrefix()} goes before the command.
     * @param args      the {@code ringline} arguments, e.g. {@code pong --channel shm:x}.
     * @return the running process.
     */
    public static PeerProcess start(final Placement placement, final List<String> args)
    {
        final List<String> cliArgs = new ArrayList<>(args);
        cliArgs.add("--parent-pid");
        cliArgs.add(Long.toString(ProcessHandle.current().pid()));
        final JavaCommand command =
            JavaCommand.of(RinglineCli.class, cliArgs).inheritOptions().wrappedIn(placement.peerPrefix());
        final String description = "ringline " + String.join(" ", args);
        try
        {
            return new PeerProcess(ChildProcess.startLogged(
                description, new ProcessBuilder(command.words()).redirectInput(new File("/dev/null"))));
        }
        catch (final UncheckedIOException ex)
        {
            throw new RinglineException("could not start `" + description + "`: " + ex.getMessage(), ex);
        }
    }

    /**
     * @throws RinglineException quoting the process's last line of output when it has exited.
     */
    public void checkRunning()
    {
        if (!process.isAlive())
        {
            final List<String> lines = process.output().lines().toList();
            throw new RinglineException("`" + process.label() + "` exited with code " + process.exitCode() + ": " +
                (lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1)));
        }
    }

    /**
     * @return the process id.
     */
    public long pid()
    {
        return process.pid();
    }

    @Override
    public void close()
    {
        process.close();
    }
}
