package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.nio.file.Path;
import java.util.List;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.ImageFragmentAssembler;
import io.aeron.Subscription;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One-way throughput over Aeron IPC: a child JVM offers on {@link AeronIpc#THROUGHPUT_STREAM_ID} through an
 * exclusive publication, the harness polls the stream's image, through a media driver in a third JVM; both sides as
 * Aeron's {@code EmbeddedExclusiveIpcThroughput} sample runs them ({@link AeronIpc}).
 */
public final class AeronIpcThroughputPeer implements ThroughputPeer
{
    @Override
    public String name()
    {
        return AeronIpcRoundTripPeer.NAME;
    }

    @Override
    public double runConsumer(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final Watchdog watchdog = session.watchdog();
        final Path aeronDir = AeronIpc.startDriver(session);

        try (Aeron aeron = AeronIpc.connect(aeronDir);
            Subscription subscription = aeron.addSubscription(AeronIpc.CHANNEL, AeronIpc.THROUGHPUT_STREAM_ID))
        {
            final ChildProcess producer = session.startProducer(this, List.of(aeronDir.toString(),
                Integer.toString(config.size()), Long.toString(config.warmupNs()), Long.toString(config.measureNs())));

            final Image image = AeronIpc.awaitImage(subscription, watchdog);
            final ThroughputCounter counter = new ThroughputCounter();
            final ImageFragmentAssembler assembler = new ImageFragmentAssembler(counter);
            while (!counter.isEnded())
            {
                if (image.poll(assembler, AeronIpc.FRAGMENT_COUNT_LIMIT) == 0)
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
     * @param args the Aeron directory, the message size, the warm-up and the measured nanoseconds.
     */
    public void runProducer(final List<String> args) throws Exception
    {
        final int size = Integer.parseInt(args.get(1));
        final long warmupNs = Long.parseLong(args.get(2));
        final long measureNs = Long.parseLong(args.get(3));

        try (Aeron aeron = AeronIpc.connect(Path.of(args.get(0)));
            ExclusivePublication publication = aeron.addExclusivePublication(
                AeronIpc.CHANNEL, AeronIpc.THROUGHPUT_STREAM_ID))
        {
            final UnsafeBuffer message = AeronIpc.messageBuffer(size);
            ProducerLoop.run(
                (sequence) ->
                {
                    BenchMessage.sequence(message, 0, sequence);
                    return AeronIpc.offer(publication, message, 0, size);
                },
                warmupNs,
                measureNs);
        }
    }
}
