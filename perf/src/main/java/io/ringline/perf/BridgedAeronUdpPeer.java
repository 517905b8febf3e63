package io.ringline.perf;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale-out path as a peer ({@value #NAME}): shm → bridge → {@code aeron:udp} → bridge → shm, each host's
 * bridges in one JVM with its embedded media driver ({@link BridgeSideMain}; the driver settings of
 * {@code ringline-aeron-udp}, and of {@code aeron-udp}'s drivers: {@link AeronIpc#startUdpDriver(BenchSession,
 * boolean)}).
 *
 * <p>Round trip: the harness offers on ring {@code ping} and busy-spins on ring {@code pong}, as
 * {@code ringline-shm} does; the near bridges forward {@code ping} to {@code aeron:udp?endpoint=FAR:P} and {@code
 * aeron:udp?endpoint=NEAR:P+1} to {@code pong}; the far bridges forward {@code aeron:udp?endpoint=FAR:P} to ring {@code
 * far-ping} and ring {@code far-pong} to {@code aeron:udp?endpoint=NEAR:P+1}; the pong echoes {@code far-ping} on
 * {@code far-pong}. Every application thread polls and yields when idle, as the other UDP peers' ({@link
 * AeronIpc#idle(boolean)}); the bridges idle with the run's {@code aeronIdle=}, as the drivers. Throughput: a producer
 * on the far side offers on ring {@code far-data}, bridged to {@code aeron:udp?endpoint=NEAR:P} and from there to ring
 * {@code data}, which the harness consumes. The far side (pong or producer and far bridges) runs where the run's {@link
 * NetworkSetting} puts it; every ring is in the run's directory on /dev/shm, which is not per network namespace.
 */
public final class BridgedAeronUdpPeer implements RoundTripPeer, ThroughputPeer
{
    /**
     * Name in the report.
     */
    public static final String NAME = "ringline-bridged-aeron-udp";

    @Override
    public String name()
    {
        return NAME;
    }

    private static String network(final String host, final int port)
    {
        return AeronIpc.udpChannel(host, port) + "&driver=embedded";
    }

    private static String ring(final BenchConfig config, final String name)
    {
        return RinglinePeer.channel(name, config.ringCapacity(), config.size(), null);
    }

    /**
     * Starts one side's bridges and waits until they are open.
     *
     * @param far   true for the far side's.
     * @param pairs from, to, from, to...
     */
    private static void startBridges(final BenchSession session, final boolean far, final String... pairs)
        throws InterruptedException
    {
        final String side = far ? "far" : "near";
        final Path ready = session.directory().resolve("bridges-" + side + ".ready");
        final List<String> args = new ArrayList<>(
            List.of(session.directory().toString(), ready.toString(), session.config().aeronIdle()));
        args.addAll(List.of(pairs));
        if (far)
        {
            session.startFarHelper("bridges-" + side, BridgeSideMain.class, args);
        }
        else
        {
            session.startHelper("bridges-" + side, BridgeSideMain.class, args);
        }
        ReadyFile.await(ready, "the " + side + " bridges", session.watchdog());
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final String shmDir = session.directory().toString();
        final NetworkSetting network = session.network();
        final String ping = ring(config, "ping");
        final String pong = ring(config, "pong");
        final String farPing = ring(config, "far-ping");
        final String farPong = ring(config, "far-pong");
        final int port = AeronIpc.freeUdpPortPair();
        final String toFar = network(network.farHost(), port);
        final String toNear = network(network.nearHost(), port + 1);
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final Watchdog watchdog = session.watchdog();

        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(shmDir));
            Subscriber fromPong = ringline.addSubscriber(pong);
            Publisher toPong = ringline.addExclusivePublisher(ping))
        {
            startBridges(session, true, toFar, farPing, farPong, toNear);
            startBridges(session, false, ping, toFar, toNear, pong);
            final Path pongReady = session.directory().resolve("pong.ready");
            final ChildProcess child = session.startFarPong(this, List.of(shmDir, farPing, farPong,
                Integer.toString(config.size()), Long.toString(recorder.iterations()), pongReady.toString()));
            ReadyFile.await(pongReady, "the pong", watchdog);
            RinglinePeer.ping(toPong, fromPong, recorder, config.size(), watchdog, BridgedAeronUdpPeer::pollOrYield);
            session.awaitSuccess(child);
        }
        return recorder;
    }

    private static int pollOrYield(final Subscriber subscriber, final MessageHandler handler)
    {
        final int received = subscriber.poll(handler, 1);
        if (received == 0)
        {
            AeronIpc.idle(true);
        }
        return received;
    }

    /**
     * {@inheritDoc}
     *
     * @param args the shm directory, the ping and the pong ring, the size, the iterations and the ready file.
     */
    @Override
    public void runPong(final List<String> args)
    {
        final long iterations = Long.parseLong(args.get(4));
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(args.get(0)));
            Subscriber fromPing = ringline.addSubscriber(args.get(1));
            Publisher toPing = ringline.addExclusivePublisher(args.get(2)))
        {
            ReadyFile.create(Path.of(args.get(5)));
            final long[] echoed = new long[1];
            final MessageHandler echo = (buffer, offset, length, header) ->
            {
                while (toPing.offer(buffer, offset, length) < 0)
                {
                    AeronIpc.idle(true);
                }
                echoed[0]++;
            };
            while (echoed[0] < iterations)
            {
                pollOrYield(fromPing, echo);
            }
        }
    }

    @Override
    public double runConsumer(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final String shmDir = session.directory().toString();
        final String data = ring(config, "data");
        final String farData = ring(config, "far-data");
        final String toNear = network(session.network().nearHost(), AeronIpc.freeUdpPortPair());

        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(shmDir));
            Subscriber subscriber = ringline.addSubscriber(data))
        {
            startBridges(session, false, toNear, data);
            startBridges(session, true, farData, toNear);
            final ChildProcess producer = session.startFarProducer(this, List.of(shmDir, farData,
                Integer.toString(config.size()), Long.toString(config.warmupNs()), Long.toString(config.measureNs())));
            final double messagesPerSecond = RinglinePeer.consume(subscriber, session.watchdog(), true);
            session.awaitSuccess(producer);
            return messagesPerSecond;
        }
    }

    /**
     * {@inheritDoc}
     *
     * @param args the shm directory, the ring, the size, the warm-up and the measured nanoseconds.
     */
    @Override
    public void runProducer(final List<String> args)
    {
        final int size = Integer.parseInt(args.get(2));
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(args.get(0)));
            Publisher publisher = ringline.addExclusivePublisher(args.get(1)))
        {
            final UnsafeBuffer message = AeronIpc.messageBuffer(size);
            ProducerLoop.run(
                (sequence) ->
                {
                    BenchMessage.sequence(message, 0, sequence);
                    final boolean sent = publisher.offer(message, 0, size) >= 0;
                    if (!sent)
                    {
                        AeronIpc.idle(true);
                    }
                    return sent;
                },
                Long.parseLong(args.get(3)),
                Long.parseLong(args.get(4)));
        }
    }
}
