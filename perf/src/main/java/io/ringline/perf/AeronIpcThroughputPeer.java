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
 * One-way throughput over Aeron IPC ({@code aeron-ipc}) or Aeron UDP ({@code aeron-udp}): a child JVM offers on {@link
 * AeronIpc#THROUGHPUT_STREAM_ID} through an exclusive publication, the harness polls the stream's image; both sides as
 * Aeron's {@code EmbeddedExclusiveIpcThroughput} sample runs them ({@link AeronIpc}). Over IPC through one media driver
 * in a third JVM; over UDP the producer and its driver on the far side of the run's {@link NetworkSetting}, sending to
 * {@code aeron:udp?endpoint=NEAR:P}, the harness's driver on the near side ({@link
 * AeronIpc#startUdpDriver(BenchSession, boolean)}), both sides yielding when idle ({@link AeronIpc#idle(boolean)}).
 */
public final class AeronIpcThroughputPeer implements ThroughputPeer
{
    private final boolean udp;

    /**
     * The IPC peer.
     */
    public AeronIpcThroughputPeer()
    {
        this(false);
    }

    /**
     * @param udp true for Aeron UDP, false for Aeron IPC.
     */
    public AeronIpcThroughputPeer(final boolean udp)
    {
        this.udp = udp;
    }

    @Override
    public String name()
    {
        return udp ? AeronIpcRoundTripPeer.UDP_NAME : AeronIpcRoundTripPeer.NAME;
    }

    @Override
    public double runConsumer(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final Watchdog watchdog = session.watchdog();
        final Path aeronDir = udp ? AeronIpc.startUdpDriver(session, false) : AeronIpc.startDriver(session);
        final Path producerAeronDir = udp ? AeronIpc.startUdpDriver(session, true) : aeronDir;
        final String channel = udp ?
            AeronIpc.udpChannel(session.network().nearHost(), AeronIpc.freeUdpPortPair()) : AeronIpc.CHANNEL;

        try (Aeron aeron = AeronIpc.connect(aeronDir);
            Subscription subscription = aeron.addSubscription(channel, AeronIpc.THROUGHPUT_STREAM_ID))
        {
            final List<String> producerArgs = List.of(producerAeronDir.toString(), Integer.toString(config.size()),
                Long.toString(config.warmupNs()), Long.toString(config.measureNs()), channel);
            final ChildProcess producer = udp ?
                session.startFarProducer(this, producerArgs) : session.startProducer(this, producerArgs);

            final Image image = AeronIpc.awaitImage(subscription, watchdog);
            final ThroughputCounter counter = new ThroughputCounter();
            final ImageFragmentAssembler assembler = new ImageFragmentAssembler(counter);
            while (!counter.isEnded())
            {
                if (image.poll(assembler, AeronIpc.FRAGMENT_COUNT_LIMIT) == 0)
                {
                    AeronIpc.idle(udp);
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
     * @param args the Aeron directory, the message size, the warm-up and the measured nanoseconds, the channel.
     */
    public void runProducer(final List<String> args) throws Exception
    {
        final int size = Integer.parseInt(args.get(1));
        final long warmupNs = Long.parseLong(args.get(2));
        final long measureNs = Long.parseLong(args.get(3));
        final boolean udp = !AeronIpc.CHANNEL.equals(args.get(4));

        try (Aeron aeron = AeronIpc.connect(Path.of(args.get(0)));
            ExclusivePublication publication = aeron.addExclusivePublication(
                args.get(4), AeronIpc.THROUGHPUT_STREAM_ID))
        {
            final UnsafeBuffer message = AeronIpc.messageBuffer(size);
            ProducerLoop.run(
                (sequence) ->
                {
                    BenchMessage.sequence(message, 0, sequence);
                    final boolean sent = AeronIpc.offer(publication, message, 0, size);
                    if (!sent)
                    {
                        AeronIpc.idle(udp);
                    }
                    return sent;
                },
                warmupNs,
                measureNs);
        }
    }
}
