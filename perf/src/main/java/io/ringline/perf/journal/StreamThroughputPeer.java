package io.ringline.perf.journal;

import java.nio.file.Path;
import java.util.List;

import io.ringline.perf.BenchConfig;
import io.ringline.perf.BenchSession;
import io.ringline.perf.ProducerLoop;
import io.ringline.perf.ThroughputCounter;
import io.ringline.perf.ThroughputPeer;
import io.ringline.perf.Watchdog;
import io.ringline.process.ChildProcess;

/**
 * Maximum rate of a {@link OneWayChannel}: a writer child sends as fast as the channel takes
 * ({@link ProducerLoop}: warm-up, start marker, measured window, end marker), the harness reads live with a
 * busy-polling reader and counts ({@link ThroughputCounter}). The journal and Chronicle Queue keep everything
 * written, so a run of {@code seconds} at tens of millions of messages per second fills gigabytes of
 * {@code /dev/shm}: keep {@code seconds} and {@code warmupSeconds} short (the comparison uses 0.5 each).
 */
public final class StreamThroughputPeer implements ThroughputPeer
{
    private static final int POLL_LIMIT = 256;

    private final OneWayChannel channel;

    /**
     * @param channel measured; the peer has its name.
     */
    public StreamThroughputPeer(final OneWayChannel channel)
    {
        this.channel = channel;
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return channel.name();
    }

    /**
     * {@inheritDoc}
     */
    public double runConsumer(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final int size = TimedMessage.checkSize(config.size());
        final Watchdog watchdog = session.watchdog();
        final ThroughputCounter counter = new ThroughputCounter();
        final TimedMessage.Sink sink = (sequence, timestampNs) -> counter.onSequence(sequence);
        try (OneWayChannel.Reader reader = channel.openReader(session.directory(), size))
        {
            final ChildProcess producer = session.startProducer(this, List.of(session.directory().toString(),
                Integer.toString(size), Long.toString(config.warmupNs()), Long.toString(config.measureNs())));
            while (!counter.isEnded())
            {
                if (reader.poll(sink, POLL_LIMIT) == 0)
                {
                    watchdog.spin();
                }
            }
            session.awaitSuccess(producer);
        }
        return counter.messagesPerSecond();
    }

    /**
     * Producer side: {@code <dir> <size> <warmupNs> <measureNs>}.
     *
     * @param args as given by {@link #runConsumer(BenchSession)}.
     */
    public void runProducer(final List<String> args)
    {
        try (OneWayChannel.Writer writer = channel.openWriter(Path.of(args.get(0)), Integer.parseInt(args.get(1))))
        {
            ProducerLoop.run((sequence) -> writer.offer(sequence, 0), Long.parseLong(args.get(2)),
                Long.parseLong(args.get(3)));
        }
    }
}
