package io.ringline.tools;

import io.ringline.MessageHandler;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.tools.json.JsonWriter;
import io.ringline.tools.latency.PeerProcess;
import io.ringline.tools.latency.PingSession;
import io.ringline.tools.latency.Placement;
import io.ringline.tools.latency.ReceiveWait;
import io.ringline.tools.latency.RunConditions;
import io.ringline.tools.latency.SequenceCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ringline throughput --channel URI}: one-way messages per second from a producer process to this one.
 */
@Command(
    name = "throughput",
    mixinStandardHelpOptions = true,
    description = {
        "One-way throughput from a producer process to this one.",
        "",
        "Measures one-way throughput: starts a producer process that publishes --size byte messages on --channel " +
        "as fast as the channel takes them, receives them here, and counts for --seconds after --warmup from the " +
        "first message.",
        "On a ring channel (shm:, file:, sysvshm:) the receiver busy-spins unless the URI names a wait= mode; on two " +
        "or more CPUs producer and consumer run on different CPUs (--cpu, --producer-cpu; --no-pin leaves it to the " +
        "scheduler). The output says how it was run: wait mode, CPUs, JVM and flags.",
        "Each message carries a sequence number in its first 8 bytes, as in the benchmark harness, and the " +
        "receiver checks it: the output counts messages missing and out of order (on udp: and unixgram:, what " +
        "was dropped; on every other channel both must be 0)." },
    footer = {
        "",
        "Examples:",
        "  ringline throughput --channel shm:tput",
        "  ringline throughput --channel shm:tput --no-pin --warmup 0s",
        "  ringline throughput --channel 'shm:tput?capacity=16m' --size 256 --seconds 10 --json",
        "  ringline throughput --channel unix:/tmp/tput.sock" })
final class ThroughputCommand implements Callable<Integer>
{
    /** Messages per receive: the benchmark harness's consumers take up to 256 per poll too. */
    private static final int BATCH = 256;

    @Option(names = "--channel", required = true, paramLabel = "URI", description = "The channel to measure.")
    String channel;

    @Option(names = "--seconds", defaultValue = "3", paramLabel = "S",
        description = "How long to count (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "1s", paramLabel = "DURATION", converter = Durations.Converter.class,
        description = "How long to receive before counting, while both JVMs compile the loop " +
            "(default: ${DEFAULT-VALUE}).")
    long warmupNs;

    @Option(names = "--size", defaultValue = "64", paramLabel = "BYTES",
        description = "Message size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION", converter = Durations.Converter.class,
        description = "Longest wait for the first message (default: ${DEFAULT-VALUE}).")
    long timeoutNs;

    @Option(names = "--producer-cpu", paramLabel = "M",
        description = "CPU of the producer process (default: another CPU than this one's, when there are two or " +
            "more).")
    Integer producerCpu;

    @picocli.CommandLine.Mixin
    CpuOptions cpus;

    @Option(names = "--json", description = "Print one JSON object: channel, size, seconds, msgs_per_sec, " +
        "bytes_per_sec, missing, reordered and how it was run (wait, wait_from, pinned, cpus, jvm, jvm_flags).")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        if (seconds <= 0 || size < 1 || warmupNs < 0)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--seconds must be > 0, --size >= 1 and --warmup >= 0: seconds=" + seconds + " size=" + size +
                " warmup=" + warmupNs + "ns");
        }
        final Placement placement = cpus.resolve(producerCpu, spec);
        final RunConditions conditions = new RunConditions(new String[] { channel }, placement, "consumer",
            "producer");
        final SequenceCheck counter = new SequenceCheck();
        final double elapsedSeconds;
        try (Ringline ringline = Ringline.connect())
        {
            try (Subscriber subscriber = ringline.addSubscriber(ReceiveWait.subscriberUri(channel));
                PeerProcess producer = PeerProcess.start(
                    placement, List.of("flood", "--channel", channel, "--size", Integer.toString(size))))
            {
                awaitFirst(subscriber, counter, producer);
                placement.pinThisThread();
                receiveFor(subscriber, counter, warmupNs);
                counter.resetCounts();
                final long startNs = System.nanoTime();
                elapsedSeconds = (receiveFor(subscriber, counter, (long)(seconds * 1e9)) - startNs) / 1e9;
                PingSession.checkPeer(producer);
            }
            finally
            {
                PingSession.removeChannels(ringline, channel);
            }
        }
        final double msgsPerSec = counter.messages() / elapsedSeconds;
        final double bytesPerSec = counter.bytes() / elapsedSeconds;
        System.out.println(json ?
            conditions.appendTo(new JsonWriter().beginObject()
                .field("channel", channel)
                .field("size", size)
                .field("seconds", Math.round(elapsedSeconds * 1000) / 1000.0)
                .field("msgs_per_sec", Math.round(msgsPerSec))
                .field("bytes_per_sec", Math.round(bytesPerSec))
                .field("missing", counter.missing())
                .field("reordered", counter.reordered()))
                .endObject().toString() :
            String.format("throughput %s: %d B messages for %.2f s after %.2f s of warm-up%n%s%n%n  %,.0f msgs/s%n" +
                "  %,.1f MB/s%n  %,d missing, %,d out of order", channel, size, elapsedSeconds, warmupNs / 1e9,
                conditions.text(), msgsPerSec, bytesPerSec / 1e6, counter.missing(), counter.reordered()));
        System.out.flush();
        return RinglineCli.EXIT_OK;
    }

    /**
     * Receives for a while, in batches of up to {@value #BATCH}.
     *
     * @param subscriber the channel's subscriber.
     * @param counter    counts what arrives.
     * @param durationNs how long.
     * @return the time it stopped, from {@code System.nanoTime()}.
     */
    private static long receiveFor(final Subscriber subscriber, final MessageHandler counter, final long durationNs)
    {
        final long endNs = System.nanoTime() + durationNs;
        long nowNs;
        while ((nowNs = System.nanoTime()) - endNs < 0)
        {
            subscriber.receive(counter, BATCH, Math.min(endNs - nowNs, TimeUnit.MILLISECONDS.toNanos(100)));
        }
        return nowNs;
    }

    private void awaitFirst(final Subscriber subscriber, final MessageHandler counter, final PeerProcess producer)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (subscriber.receive(counter, 1, TimeUnit.MILLISECONDS.toNanos(100)) == 0)
        {
            PingSession.checkPeer(producer);
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new RinglineException("channel=" + channel + ": no message from the producer within " +
                    TimeUnit.NANOSECONDS.toMillis(timeoutNs) + "ms");
            }
        }
    }
}
