package io.ringline.perf.journal;

import java.util.List;

import io.ringline.perf.BenchConfig;
import io.ringline.perf.BenchSession;
import io.ringline.perf.RoundTripPeer;
import io.ringline.perf.RoundTripRecorder;
import io.ringline.perf.Watchdog;
import io.ringline.process.ChildProcess;

/**
 * One-way latency at a fixed rate, publish to receive: a writer child sends message k at its due time
 * {@code start + (k - 1) / rate} (spinning until then, then retrying while refused), stamped with that due time; the
 * harness reads with a busy-polling reader and records receive time minus due time. Measuring from the due time, not
 * from when the writer got round to sending, is the coordinated-omission correction: a stall of the writer or of the
 * channel counts against every message it delayed (what HdrHistogram's {@code recordValueWithExpectedInterval}
 * approximates). {@code warmup} messages are sent first and not recorded, then {@code count} measured ones.
 *
 * <p>The warm-up and the measured run each keep their own schedule, with a pause between them, as Chronicle's own
 * harness (JLBH, with {@code pauseAfterWarmupMS(500)} in its queue benchmarks) runs them: the writer is a fresh JVM,
 * and while its code is still interpreted or being compiled it falls behind a schedule that starts at once. Had the
 * measured messages kept the warm-up's schedule, that backlog (and the compiler threads still busy on two CPUs) would
 * have counted against the first measured messages of every peer: the ring's own p99 at 1 M/s was tens of
 * milliseconds so.
 *
 * <p>It is a {@link RoundTripPeer} only to reuse the harness's latency plumbing (histograms, percentiles, reports):
 * the figures are one-way latencies, not round trips, and the child plays the writer in the {@code pong} role.
 */
public final class FixedRateLatencyPeer implements RoundTripPeer
{
    private static final int POLL_LIMIT = 256;
    /** The writer's pause between the warm-up and the measured messages: JLBH's in Chronicle's queue benchmarks. */
    static final long PAUSE_AFTER_WARMUP_MS = 500;

    private final OneWayChannel channel;
    private final long ratePerSecond;
    private final String name;

    /**
     * @param channel       measured.
     * @param ratePerSecond messages per second, e.g. 167_000.
     * @param rateLabel     the rate in the peer's name, e.g. {@code 167k}.
     */
    public FixedRateLatencyPeer(final OneWayChannel channel, final long ratePerSecond, final String rateLabel)
    {
        if (ratePerSecond <= 0 || ratePerSecond > 1_000_000_000L)
        {
            throw new IllegalArgumentException("rate out of range: ratePerSecond=" + ratePerSecond);
        }
        this.channel = channel;
        this.ratePerSecond = ratePerSecond;
        this.name = channel.name() + "-" + rateLabel;
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return name;
    }

    /**
     * {@inheritDoc}
     */
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final int size = TimedMessage.checkSize(config.size());
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final Watchdog watchdog = session.watchdog();
        final long messages = recorder.iterations();
        final long[] received = new long[1];
        final TimedMessage.Sink sink = (sequence, dueNs) ->
        {
            final long latencyNs = System.nanoTime() - dueNs;
            if (sequence != ++received[0])
            {
                throw new IllegalStateException("out of order: expected=" + received[0] + ", sequence=" + sequence);
            }
            recorder.record(sequence, latencyNs);
        };
        try (OneWayChannel.Reader reader = channel.openReader(session.directory(), size))
        {
            final ChildProcess writer = session.startPong(this, List.of(session.directory().toString(),
                Integer.toString(size), Long.toString(ratePerSecond), Long.toString(config.warmup()),
                Long.toString(messages)));
            while (received[0] < messages)
            {
                if (reader.poll(sink, POLL_LIMIT) == 0)
                {
                    watchdog.spin();
                }
            }
            session.awaitSuccess(writer);
        }
        return recorder;
    }

    /**
     * Writer side: {@code <dir> <size> <rate> <warmup> <messages>}: messages 1 to {@code warmup} on one schedule,
     * then after {@link #PAUSE_AFTER_WARMUP_MS} the rest on a schedule of their own.
     *
     * @param args as given by {@link #runPing(BenchSession)}.
     * @throws InterruptedException if interrupted in the pause.
     */
    public void runPong(final List<String> args) throws InterruptedException
    {
        final int size = Integer.parseInt(args.get(1));
        final long rate = Long.parseLong(args.get(2));
        final long warmup = Long.parseLong(args.get(3));
        final long messages = Long.parseLong(args.get(4));
        try (OneWayChannel.Writer writer = channel.openWriter(java.nio.file.Path.of(args.get(0)), size))
        {
            sendOnSchedule(writer, rate, 1, warmup);
            Thread.sleep(PAUSE_AFTER_WARMUP_MS);
            sendOnSchedule(writer, rate, warmup + 1, messages);
        }
    }

    // Sends messages first to last, message k due at start + (k - first) / rate from a start taken now.
    private static void sendOnSchedule(final OneWayChannel.Writer writer, final long rate, final long first,
        final long last)
    {
        final long startNs = System.nanoTime();
        for (long sequence = first; sequence <= last; sequence++)
        {
            final long dueNs = startNs + (sequence - first) * 1_000_000_000L / rate;
            while (System.nanoTime() - dueNs < 0)
            {
                Thread.onSpinWait();
            }
            while (!writer.offer(sequence, dueNs))
            {
                Thread.onSpinWait();
            }
        }
    }
}
