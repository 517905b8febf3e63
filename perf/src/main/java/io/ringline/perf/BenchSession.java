package io.ringline.perf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the harness side of one peer run may use: the settings, a private directory under {@code /dev/shm},
 * child JVM launching and a {@link Watchdog} that watches those children. {@link #close()} stops every child still
 * running, last started first, then deletes the directory.
 */
public final class BenchSession implements AutoCloseable
{
    private final BenchConfig config;
    private final Path directory;
    private final Watchdog watchdog;
    private final List<ChildJvm> children = new ArrayList<>();

    /**
     * @param config    the settings.
     * @param directory an empty directory for this run only.
     */
    public BenchSession(final BenchConfig config, final Path directory)
    {
        this.config = config;
        this.directory = directory;
        this.watchdog = new Watchdog(TimeUnit.MILLISECONDS.toNanos(config.timeoutMs()));
    }

    /**
     * @return the settings.
     */
    public BenchConfig config()
    {
        return config;
    }

    /**
     * @return this run's directory under {@code /dev/shm}; deleted with everything in it when the session closes.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return the watchdog for this run; its deadline started when the session was created.
     */
    public Watchdog watchdog()
    {
        return watchdog;
    }

    /**
     * Starts the pong side of a round-trip peer: {@code PeerMain <name> pong <args...>}.
     *
     * @param peer whose {@link RoundTripPeer#runPong(List)} the child runs.
     * @param args passed through.
     * @return the child, also watched and stopped by this session.
     * @throws IOException if the child cannot be started.
     */
    public ChildJvm startPong(final RoundTripPeer peer, final List<String> args) throws IOException
    {
        return startChild(peer.name() + "/" + PeerMain.PONG_ROLE, PeerMain.class, PeerMain.args(peer.name(),
            PeerMain.PONG_ROLE, args));
    }

    /**
     * Starts the pong side of a round-trip peer that talks over the child's stdin and stdout:
     * {@code PeerMain <name> pong <args...>}, started by {@link ChildJvm#startWithPipes(String, Class, List)}.
     *
     * @param peer whose {@link RoundTripPeer#runPong(List)} the child runs.
     * @param args passed through.
     * @return the child, also watched and stopped by this session.
     * @throws IOException if the child cannot be started.
     */
    public ChildJvm startPongWithPipes(final RoundTripPeer peer, final List<String> args) throws IOException
    {
        return track(ChildJvm.startWithPipes(peer.name() + "/" + PeerMain.PONG_ROLE, PeerMain.class,
            PeerMain.args(peer.name(), PeerMain.PONG_ROLE, args)));
    }

    /**
     * Starts the producer side of a throughput peer: {@code PeerMain <name> producer <args...>}.
     *
     * @param peer whose {@link ThroughputPeer#runProducer(List)} the child runs.
     * @param args passed through.
     * @return the child, also watched and stopped by this session.
     * @throws IOException if the child cannot be started.
     */
    public ChildJvm startProducer(final ThroughputPeer peer, final List<String> args) throws IOException
    {
        return startChild(peer.name() + "/" + PeerMain.PRODUCER_ROLE, PeerMain.class, PeerMain.args(peer.name(),
            PeerMain.PRODUCER_ROLE, args));
    }

    /**
     * Starts any other child JVM on the measured peer's side, placed as a pong or producer is ({@code pin=}).
     *
     * @param label     prefix for the child's output.
     * @param mainClass the child runs.
     * @param args      to its main.
     * @return the child, also watched and stopped by this session.
     * @throws IOException if the child cannot be started.
     */
    public ChildJvm startChild(final String label, final Class<?> mainClass, final List<String> args)
        throws IOException
    {
        return track(ChildJvm.start(label, mainClass, args));
    }

    /**
     * Starts a helper process that is neither side of the measurement, e.g. a media driver, unpinned whatever the
     * {@code pin=} mode ({@link ChildJvm#startUnpinned(String, Class, List)}).
     *
     * @param label     prefix for the child's output.
     * @param mainClass the child runs.
     * @param args      to its main.
     * @return the child, also watched and stopped by this session.
     * @throws IOException if the child cannot be started.
     */
    public ChildJvm startHelper(final String label, final Class<?> mainClass, final List<String> args)
        throws IOException
    {
        return track(ChildJvm.startUnpinned(label, mainClass, args));
    }

    /**
     * Starts an executable that is not a JVM, e.g. a compiled C peer.
     *
     * @param label   prefix for the child's output.
     * @param command the executable and its arguments.
     * @return the child, also watched and stopped by this session.
     * @throws IOException if the child cannot be started.
     */
    public ChildJvm startProgram(final String label, final List<String> command) throws IOException
    {
        return track(ChildJvm.startProgram(label, command));
    }

    /**
     * Starts an executable that plays the ping side, e.g. a C ping, where the harness's ping thread would run.
     *
     * @param label   prefix for the child's output.
     * @param command the executable and its arguments.
     * @return the child, also watched and stopped by this session.
     * @throws IOException if the child cannot be started.
     */
    public ChildJvm startPingProgram(final String label, final List<String> command) throws IOException
    {
        return track(ChildJvm.startPingProgram(label, command));
    }

    /**
     * Waits, within the run's deadline, for a child to finish by itself and checks it exited with code 0.
     *
     * @param child to wait for.
     * @throws TimeoutException     if it is still running at the deadline.
     * @throws InterruptedException if interrupted while waiting.
     */
    public void awaitSuccess(final ChildJvm child) throws TimeoutException, InterruptedException
    {
        child.awaitSuccess(watchdog.remainingMs());
    }

    private ChildJvm track(final ChildJvm child)
    {
        children.add(child);
        watchdog.watch(child);

        return child;
    }

    /**
     * Stops the children still running, last started first, then deletes the directory.
     */
    public void close()
    {
        for (int i = children.size() - 1; i >= 0; i--)
        {
            children.get(i).close();
        }
        ShmScratch.deleteRecursively(directory);
    }
}
