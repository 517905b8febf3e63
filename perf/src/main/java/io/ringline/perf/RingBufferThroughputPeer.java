package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.nio.file.Path;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * One-way throughput through an Agrona ring buffer in a {@code /dev/shm} file: a child JVM writes, the harness reads.
 */
public final class RingBufferThroughputPeer implements ThroughputPeer
{
    private final RingBufferType type;

    /**
     * @param type of the ring.
     */
    public RingBufferThroughputPeer(final RingBufferType type)
    {
        this.type = type;
    }

    @Override
    public String name()
    {
        return type.peerName();
    }

    @Override
    public double runConsumer(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final Path path = session.directory().resolve("data.ring");
        final Watchdog watchdog = session.watchdog();

        try (MappedFile file = MappedFile.create(path, RingBufferType.fileLength(config.ringCapacity())))
        {
            final RingBuffer ring = type.wrap(file.buffer());
            final ChildProcess producer = session.startProducer(this, List.of(path.toString(),
                Integer.toString(config.size()), Long.toString(config.warmupNs()), Long.toString(config.measureNs())));

            final ThroughputCounter counter = new ThroughputCounter();
            while (!counter.isEnded())
            {
                if (ring.read(counter) == 0)
                {
                    watchdog.spin();
                }
            }
            session.awaitSuccess(producer);

            return counter.messagesPerSecond();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @param args the ring path, the message size, the warm-up and the measured nanoseconds.
     */
    public void runProducer(final List<String> args) throws Exception
    {
        final int size = Integer.parseInt(args.get(1));
        final long warmupNs = Long.parseLong(args.get(2));
        final long measureNs = Long.parseLong(args.get(3));

        try (MappedFile file = MappedFile.open(Path.of(args.get(0))))
        {
            final RingBuffer ring = type.wrap(file.buffer());
            final UnsafeBuffer message = new UnsafeBuffer(new byte[size]);
            ProducerLoop.run(
                (sequence) ->
                {
                    BenchMessage.sequence(message, 0, sequence);
                    return ring.write(RingBufferType.MSG_TYPE_ID, message, 0, size);
                },
                warmupNs,
                measureNs);
        }
    }
}
