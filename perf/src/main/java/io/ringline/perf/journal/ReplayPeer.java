package io.ringline.perf.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringline.perf.BenchConfig;
import io.ringline.perf.BenchSession;
import io.ringline.perf.ThroughputPeer;

/**
 * Replay speed from a cold start: a writer child writes {@link #MESSAGES_PER_COUNT} times {@code count} messages as
 * fast as it can and exits; then the harness opens a new reader at the start (fresh mappings, no reader ever ran over
 * these files) and times reading every message, checking the sequence. The result is messages per second; times
 * the message size it is the payload bandwidth, which the report compares with {@link MemcpyBandwidthPeer}'s in the
 * same run. Cold means the files are new to the reader, not that the page cache is empty: on {@code /dev/shm} the
 * files are memory. The reading JVM is the harness's, warm from earlier runs.
 */
public final class ReplayPeer implements ThroughputPeer
{
    /**
     * Messages written per message of {@code count}: 500 000 with the default count of 100 000, 5 M in the
     * comparison's settings.
     */
    public static final int MESSAGES_PER_COUNT = 5;

    private static final int POLL_LIMIT = 256;

    private final OneWayChannel channel;

    /**
     * @param channel replayed; the peer is named after it with {@code -replay}.
     */
    public ReplayPeer(final OneWayChannel channel)
    {
        this.channel = channel;
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return channel.name() + "-replay";
    }

    /**
     * {@inheritDoc}
     */
    public double runConsumer(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final int size = TimedMessage.checkSize(config.size());
        final long messages = config.count() * MESSAGES_PER_COUNT;
        session.awaitSuccess(session.startProducer(this, List.of(session.directory().toString(),
            Integer.toString(size), Long.toString(messages))));

        final long[] received = new long[1];
        final TimedMessage.Sink sink = (sequence, timestampNs) ->
        {
            if (sequence != ++received[0])
            {
                throw new IllegalStateException("out of order: expected=" + received[0] + ", sequence=" + sequence);
            }
        };
        // The writer has exited, which the session's watchdog would take for a death: bound the read by the deadline.
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(session.watchdog().remainingMs());
        try (OneWayChannel.Reader reader = channel.openReader(session.directory(), size))
        {
            while (received[0] < messages)
            {
                if (reader.poll(sink, POLL_LIMIT) == 0 && System.nanoTime() - deadlineNs > 0)
                {
                    throw new IllegalStateException("replay timed out: received=" + received[0] +
                        ", messages=" + messages);
                }
            }
        }
        return messages * 1e9 / (System.nanoTime() - startNs);
    }

    /**
     * Writer side: {@code <dir> <size> <messages>}, as fast as the channel takes, then exit.
     *
     * @param args as given by {@link #runConsumer(BenchSession)}.
     */
    public void runProducer(final List<String> args)
    {
        final long messages = Long.parseLong(args.get(2));
        try (OneWayChannel.Writer writer = channel.openWriter(Path.of(args.get(0)), Integer.parseInt(args.get(1))))
        {
            for (long sequence = 1; sequence <= messages; sequence++)
            {
                while (!writer.offer(sequence, 0))
                {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
