package io.ringline.tools;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.tools.json.JsonWriter;
import io.ringline.tools.latency.PeerProcess;
import io.ringline.tools.latency.PingSession;
import io.ringline.tools.latency.Placement;
import io.ringline.tools.latency.ReceiveWait;
import io.ringline.reqrep.ReplyChannels;
import io.ringline.tools.latency.RoundTrips;
import io.ringline.tools.latency.RunConditions;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ringline ping --channel URI}: round-trip latency through any transport, against {@code ringline pong} in
 * another process, recorded with HdrHistogram.
 */
@Command(
    name = "ping",
    mixinStandardHelpOptions = true,
    description = {
        "Round-trip latency through any channel, against `ringline pong`.",
        "",
        "Measures round-trip latency: sends a message on --channel, waits for `ringline pong` to echo it on the " +
        "reply channel, and records the time with HdrHistogram (ns, 3 significant digits).",
        "The reply channel is --reply, or derived from --channel: shm:x -> shm:x-pong, file:/p -> file:/p-pong, " +
        "fifo:/p, unix:/p, unixgram:/p, mq:/q -> + \"-pong\", sysvshm:K and sysvmq:K -> K+1, tcp:// and udp:// -> " +
        "port+1.",
        "Closed loop by default: each ping is sent when the previous echo arrives. --rate N sends on a fixed " +
        "schedule of N per second and measures each round trip from its intended send time, so a stall is " +
        "charged to every ping it delays (coordinated omission corrected).",
        "On a ring channel (shm:, file:, sysvshm:) both receivers busy-spin unless the URI names a wait= mode; " +
        "on two or more CPUs ping and pong run on different CPUs (--cpu, --pong-cpu; --no-pin leaves it to the " +
        "scheduler). The output says how it was run: wait mode, CPUs, JVM and flags." },
    footer = {
        "",
        "Examples:",
        "  ringline ping --channel shm:rtt --spawn-pong",
        "  ringline ping --channel shm:rtt --spawn-pong --count 100000 --size 256 --json",
        "  ringline ping --channel 'shm:rtt?wait=futex' --spawn-pong --cpu 0 --pong-cpu 0   (sleeping, same CPU)",
        "  ringline ping --channel unix:/tmp/rtt.sock --spawn-pong --rate 10000",
        "  ringline pong --channel tcp://127.0.0.1:7000 &  ringline ping --channel tcp://127.0.0.1:7000" })
final class PingCommand implements Callable<Integer>
{
    private static final Set<String> LOSSY = Set.of("udp", "unixgram");

    @Option(names = "--channel", required = true, paramLabel = "URI", description = "The channel pings go out on.")
    String channel;

    @Option(names = "--reply", paramLabel = "URI", description = "The channel echoes come back on (default: derived).")
    String reply;

    @Option(names = "--count", defaultValue = "100000", paramLabel = "N",
        description = "Round trips measured (default: ${DEFAULT-VALUE}, as `ringline bench`).")
    int count;

    @Option(names = "--warmup", defaultValue = "20000", paramLabel = "N",
        description = "Round trips before measuring, while both JVMs compile the loop (default: ${DEFAULT-VALUE}, as " +
            "`ringline bench`).")
    int warmup;

    @Option(names = "--size", defaultValue = "32", paramLabel = "BYTES",
        description = "Message size, 8 or more (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "MSGS_PER_S",
        description = "Open loop: send this many per second on a fixed schedule (default: closed loop).")
    double rate;

    @Option(names = "--spawn-pong", description = "Start `ringline pong` as a separate process and stop it after.")
    boolean spawnPong;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION", converter = Durations.Converter.class,
        description = "Longest wait for the pong to connect or for one echo (default: ${DEFAULT-VALUE}).")
    long timeoutNs;

    @Option(names = "--pong-cpu", paramLabel = "M",
        description = "CPU of the spawned pong (default: another CPU than ping's, when there are two or more).")
    Integer pongCpu;

    @picocli.CommandLine.Mixin
    CpuOptions cpus;

    @Option(names = "--json", description = "Print one JSON object: channel, size, count, the percentiles in ns and " +
        "how it was run (wait, wait_from, pinned, cpus, jvm, jvm_flags).")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        validate();
        final String replyChannel = null != reply ? reply : ReplyChannels.derive(channel);
        final boolean lossy = LOSSY.contains(ChannelUri.parse(channel).scheme()) ||
            LOSSY.contains(ChannelUri.parse(replyChannel).scheme());
        final Placement resolved = cpus.resolve(pongCpu, spec);
        final Placement placement = spawnPong ? resolved : resolved.withoutPeer();
        final RunConditions conditions = new RunConditions(new String[] { replyChannel, channel }, placement,
            "ping", "pong");
        final Histogram histogram = new Histogram(3);
        try (Ringline ringline = Ringline.connect())
        {
            try (Subscriber echoes = ringline.addSubscriber(ReceiveWait.subscriberUri(replyChannel));
                PeerProcess pong = spawnPong ? PeerProcess.start(placement, pongArgs(replyChannel, placement)) : null;
                Publisher pings = ringline.addExclusivePublisher(channel))
            {
                PingSession.awaitConnected(pings, pong, timeoutNs);
                placement.pinThisThread();
                run(pings, echoes, pong, lossy, histogram);
            }
            finally
            {
                if (spawnPong)
                {
                    PingSession.removeChannels(ringline, channel, replyChannel);
                }
            }
        }
        System.out.println(json ? json(histogram, conditions) : table(histogram, replyChannel, conditions));
        System.out.flush();
        return RinglineCli.EXIT_OK;
    }

    private List<String> pongArgs(final String replyChannel, final Placement placement)
    {
        final List<String> args = new ArrayList<>(List.of("pong", "--channel", channel, "--reply", replyChannel));
        args.addAll(placement.peerOptions());
        return args;
    }

    private void validate()
    {
        if (!spawnPong && null != pongCpu)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--pong-cpu places the pong that --spawn-pong starts: pongCpu=" + pongCpu + " without --spawn-pong " +
                "(give a pong started by hand its own --cpu)");
        }
        if (count < 1 || warmup < 0 || size < Long.BYTES || rate < 0)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--count must be >= 1, --warmup >= 0, --size >= 8 and --rate >= 0: count=" + count + " warmup=" +
                warmup + " size=" + size + " rate=" + rate);
        }
    }

    private void run(
        final Publisher pings, final Subscriber echoes, final PeerProcess pong, final boolean lossy,
        final Histogram histogram)
    {
        final RoundTrips roundTrips = new RoundTrips(pings, echoes, pong, lossy, size, timeoutNs);
        roundTrips.handshake();
        final long intervalNs = rate > 0 ? (long)(TimeUnit.SECONDS.toNanos(1) / rate) : 0;
        final long startNs = System.nanoTime();
        final int total = warmup + count;
        for (int i = 0; i < total; i++)
        {
            final long intendedNs = startNs + i * intervalNs;
            if (intervalNs > 0)
            {
                awaitTime(intendedNs);
            }
            final long sentNs = System.nanoTime();
            roundTrips.roundTrip(i + 1);
            final long endNs = System.nanoTime();
            if (i >= warmup)
            {
                histogram.recordValue(Math.max(1, endNs - (intervalNs > 0 ? intendedNs : sentNs)));
            }
        }
    }

    private static void awaitTime(final long targetNs)
    {
        long leftNs;
        while ((leftNs = targetNs - System.nanoTime()) > 0)
        {
            if (leftNs > 100_000)
            {
                LockSupport.parkNanos(leftNs - 50_000);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }

    private String json(final Histogram histogram, final RunConditions conditions)
    {
        final JsonWriter json = new JsonWriter().beginObject()
            .field("channel", channel)
            .field("size", size)
            .field("count", histogram.getTotalCount())
            .field("p50_ns", histogram.getValueAtPercentile(50))
            .field("p90_ns", histogram.getValueAtPercentile(90))
            .field("p99_ns", histogram.getValueAtPercentile(99))
            .field("p999_ns", histogram.getValueAtPercentile(99.9))
            .field("p9999_ns", histogram.getValueAtPercentile(99.99))
            .field("max_ns", histogram.getMaxValue())
            .field("mean_ns", Math.round(histogram.getMean()));
        return conditions.appendTo(json).endObject().toString();
    }

    private String table(final Histogram histogram, final String replyChannel, final RunConditions conditions)
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format("ping %s -> pong -> %s%n", channel, replyChannel));
        out.append(String.format("size %d B, %d round trips after %d warm-up, %s%n", size, histogram.getTotalCount(),
            warmup, rate > 0 ? String.format("open loop at %.0f/s (from intended send times)", rate) : "closed loop"));
        out.append(conditions.text()).append(System.lineSeparator());
        out.append(String.format("%n  %-8s %12s%n", "", "round trip"));
        final String[] names = { "p50", "p90", "p99", "p99.9", "p99.99" };
        final double[] percentiles = { 50, 90, 99, 99.9, 99.99 };
        for (int i = 0; i < names.length; i++)
        {
            out.append(String.format("  %-8s %12s%n", names[i], nanos(histogram.getValueAtPercentile(percentiles[i]))));
        }
        out.append(String.format("  %-8s %12s%n", "max", nanos(histogram.getMaxValue())));
        out.append(String.format("  %-8s %12s", "mean", nanos(Math.round(histogram.getMean()))));
        return out.toString();
    }

    private static String nanos(final long ns)
    {
        return ns < 10_000 ? ns + " ns" : ns < 10_000_000 ? String.format("%.1f us", ns / 1e3) :
            String.format("%.1f ms", ns / 1e6);
    }
}
