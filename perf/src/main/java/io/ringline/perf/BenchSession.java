package io.ringline.perf;

import io.ringline.perf.journal.ChronicleQueueChannel;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

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
    private final NetworkSetting network;
    /**
     * System property with extra JVM options for every child, separated by spaces, e.g. {@code -Xmx256m}.
     */
    public static final String CHILD_JVM_OPTIONS_PROP_NAME = "ringline.perf.childJvmOptions";

    private static final Pattern FORWARDED_OPTION_PATTERN = Pattern.compile("-XX:[+-]?Use\\w+GC|-Xm[sx]\\w+");
    private static final String VM_OUTPUT_TO_STDERR_OPTION = "-XX:+DisplayVMOutputToStderr";

    private final List<ChildProcess> children = new ArrayList<>();

    /**
     * @param config    the settings.
     * @param directory an empty directory for this run only.
     */
    public BenchSession(final BenchConfig config, final Path directory)
    {
        this(config, directory, NetworkSetting.loopback());
    }

    /**
     * @param config    the settings.
     * @param directory an empty directory for this run only.
     * @param network   where the network peers' far side runs (owned by the caller, not closed here).
     */
    public BenchSession(final BenchConfig config, final Path directory, final NetworkSetting network)
    {
        this.config = config;
        this.directory = directory;
        this.network = network;
        this.watchdog = new Watchdog(TimeUnit.MILLISECONDS.toNanos(config.timeoutMs()));
    }

    /**
     * @return where the network peers' far side runs, and the addresses of both sides.
     */
    public NetworkSetting network()
    {
        return network;
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
     * @throws java.io.UncheckedIOException if the child cannot be started.
     */
    public ChildProcess startPong(final RoundTripPeer peer, final List<String> args)
    {
        return startChild(peer.name() + "/" + PeerMain.PONG_ROLE, PeerMain.class, PeerMain.args(peer.name(),
            PeerMain.PONG_ROLE, args));
    }

    /**
     * Starts the pong side of a round-trip peer that talks over the child's stdin and stdout:
     * {@code PeerMain <name> pong <args...>}. Only its stderr is copied; the JVM's own messages go to stderr too, so
     * stdout carries nothing but what the pong writes to it.
     *
     * @param peer whose {@link RoundTripPeer#runPong(List)} the child runs.
     * @param args passed through.
     * @return the child, also watched and stopped by this session.
     * @throws java.io.UncheckedIOException if the child cannot be started.
     */
    public ChildProcess startPongWithPipes(final RoundTripPeer peer, final List<String> args)
    {
        final JavaCommand command = peerJvm(PeerMain.class, PeerMain.args(peer.name(), PeerMain.PONG_ROLE, args))
            .options(List.of(VM_OUTPUT_TO_STDERR_OPTION)).wrappedIn(CpuPinning.childPrefix());
        return track(ChildProcess.startCopied(peer.name() + "/" + PeerMain.PONG_ROLE,
            new ProcessBuilder(command.words())));
    }

    /**
     * {@link #startPong(RoundTripPeer, List)} on the far side of the network ({@link NetworkSetting#farPrefix()}).
     *
     * @param peer whose {@link RoundTripPeer#runPong(List)} the child runs.
     * @param args passed through.
     * @return the child, also watched and stopped by this session.
     * @throws java.io.UncheckedIOException if the child cannot be started.
     */
    public ChildProcess startFarPong(final RoundTripPeer peer, final List<String> args)
    {
        return startMerged(peer.name() + "/" + PeerMain.PONG_ROLE, pinned(network.farPrefix(), peerJvm(PeerMain.class,
            PeerMain.args(peer.name(), PeerMain.PONG_ROLE, args)).wrappedIn(CpuPinning.childPrefix()).words()));
    }

    /**
     * {@link #startProducer(ThroughputPeer, List)} on the far side of the network
     * ({@link NetworkSetting#farPrefix()}).
     *
     * @param peer whose {@link ThroughputPeer#runProducer(List)} the child runs.
     * @param args passed through.
     * @return the child, also watched and stopped by this session.
     * @throws java.io.UncheckedIOException if the child cannot be started.
     */
    public ChildProcess startFarProducer(final ThroughputPeer peer, final List<String> args)
    {
        return startMerged(peer.name() + "/" + PeerMain.PRODUCER_ROLE, pinned(network.farPrefix(), peerJvm(
            PeerMain.class, PeerMain.args(peer.name(), PeerMain.PRODUCER_ROLE, args))
            .wrappedIn(CpuPinning.childPrefix()).words()));
    }

    /**
     * {@link #startHelper(String, Class, List)} on the far side of the network ({@link NetworkSetting#farPrefix()}),
     * e.g. the far host's media driver or bridge.
     *
     * @param label     prefix for the child's output.
     * @param mainClass the child runs.
     * @param args      to its main.
     * @return the child, also watched and stopped by this session.
     * @throws java.io.UncheckedIOException if the child cannot be started.
     */
    public ChildProcess startFarHelper(final String label, final Class<?> mainClass, final List<String> args)
    {
        return startMerged(label, pinned(network.farPrefix(),
            peerJvm(mainClass, args).wrappedIn(CpuPinning.helperPrefix()).words()));
    }

    /**
     * Starts the producer side of a throughput peer: {@code PeerMain <name> producer <args...>}.
     *
     * @param peer whose {@link ThroughputPeer#runProducer(List)} the child runs.
     * @param args passed through.
     * @return the child, also watched and stopped by this session.
     * @throws java.io.UncheckedIOException if the child cannot be started.
     */
    public ChildProcess startProducer(final ThroughputPeer peer, final List<String> args)
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
     * @throws java.io.UncheckedIOException if the child cannot be started.
     */
    public ChildProcess startChild(final String label, final Class<?> mainClass, final List<String> args)
    {
        return startMerged(label, peerJvm(mainClass, args).wrappedIn(CpuPinning.childPrefix()).words());
    }

    /**
     * Starts a child JVM with system properties of its own, placed as a pong ({@code pingSide} false) or where the
     * harness's ping thread would run ({@code pingSide} true: a child that measures, as a C ping does).
     *
     * @param label      prefix for the child's output.
     * @param mainClass  the child runs.
     * @param args       to its main.
     * @param properties system properties for the child, e.g. where it maps its channels.
     * @param pingSide   true to place it as the ping thread, false as a pong.
     * @return the child, also watched and stopped by this session.
     * @throws java.io.UncheckedIOException if the child cannot be started.
     */
    public ChildProcess startChild(
        final String label,
        final Class<?> mainClass,
        final List<String> args,
        final Map<String, String> properties,
        final boolean pingSide)
    {
        final JavaCommand command = peerJvm(mainClass, args);
        properties.forEach(command::property);
        return startMerged(label,
            command.wrappedIn(pingSide ? CpuPinning.pingPrefix() : CpuPinning.childPrefix()).words());
    }

    /**
     * Starts a helper process that is neither side of the measurement, e.g. a media driver, unpinned whatever the
     * {@code pin=} mode, as its authors run it: on every CPU of the process, not only the one the starting thread may
     * be pinned to (a child inherits its starting thread's mask; a driver confined to the harness's spinning CPU
     * starves, and with it the publication's limit).
     *
     * @param label     prefix for the child's output.
     * @param mainClass the child runs.
     * @param args      to its main.
     * @return the child, also watched and stopped by this session.
     * @throws java.io.UncheckedIOException if the child cannot be started.
     */
    public ChildProcess startHelper(final String label, final Class<?> mainClass, final List<String> args)
    {
        return startMerged(label, peerJvm(mainClass, args).wrappedIn(CpuPinning.helperPrefix()).words());
    }

    /**
     * Starts an executable that is not a JVM, e.g. a compiled C peer.
     *
     * @param label   prefix for the child's output.
     * @param command the executable and its arguments.
     * @return the child, also watched and stopped by this session.
     * @throws java.io.UncheckedIOException if the child cannot be started.
     */
    public ChildProcess startProgram(final String label, final List<String> command)
    {
        return startMerged(label, pinned(CpuPinning.childPrefix(), command));
    }

    /**
     * Starts an executable that plays the ping side, e.g. a C ping, where the harness's ping thread would run.
     *
     * @param label   prefix for the child's output.
     * @param command the executable and its arguments.
     * @return the child, also watched and stopped by this session.
     * @throws java.io.UncheckedIOException if the child cannot be started.
     */
    public ChildProcess startPingProgram(final String label, final List<String> command)
    {
        return startMerged(label, pinned(CpuPinning.pingPrefix(), command));
    }

    /**
     * Waits, within the run's deadline, for a child to finish by itself and checks it exited with code 0.
     *
     * @param child to wait for.
     * @throws TimeoutException     if it is still running at the deadline.
     * @throws InterruptedException if interrupted while waiting.
     */
    public void awaitSuccess(final ChildProcess child) throws TimeoutException, InterruptedException
    {
        final long timeoutMs = watchdog.remainingMs();
        if (!child.awaitExit(timeoutMs))
        {
            throw new TimeoutException("child did not exit: label=" + child.label() + ", timeoutMs=" + timeoutMs);
        }
        if (child.exitCode() != 0)
        {
            throw new IllegalStateException("child failed: label=" + child.label() + ", exitCode=" + child.exitCode());
        }
    }

    /**
     * A JVM like this one: the parent's collector and heap size options ({@code -XX:+Use...GC}, {@code -Xms}, {@code
     * -Xmx}), its {@code aeron.*}, {@code agrona.*} and {@code ringline.aeron.*} system properties, the module options
     * Chronicle Queue needs ({@link ChronicleQueueChannel#JVM_OPTIONS}, given to every peer alike: they open packages,
     * nothing else), and the options of {@link #CHILD_JVM_OPTIONS_PROP_NAME}.
     */
    private static JavaCommand peerJvm(final Class<?> mainClass, final List<String> args)
    {
        final JavaCommand command = JavaCommand.of(mainClass, args).options(ChronicleQueueChannel.JVM_OPTIONS);
        for (final String option : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (FORWARDED_OPTION_PATTERN.matcher(option).matches())
            {
                command.options(List.of(option));
            }
        }
        for (final String name : System.getProperties().stringPropertyNames())
        {
            if (name.startsWith("aeron.") || name.startsWith("agrona.") || name.startsWith("ringline.aeron."))
            {
                command.property(name, System.getProperty(name));
            }
        }
        final String extra = System.getProperty(CHILD_JVM_OPTIONS_PROP_NAME, "").trim();
        return extra.isEmpty() ? command : command.options(List.of(extra.split("\\s+")));
    }

    private static List<String> pinned(final List<String> prefix, final List<String> command)
    {
        final List<String> pinned = new ArrayList<>(prefix);
        pinned.addAll(command);
        return pinned;
    }

    private ChildProcess startMerged(final String label, final List<String> command)
    {
        return track(ChildProcess.startCopied(label, new ProcessBuilder(command).redirectErrorStream(true)));
    }

    private ChildProcess track(final ChildProcess child)
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
