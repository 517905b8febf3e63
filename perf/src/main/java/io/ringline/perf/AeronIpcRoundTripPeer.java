package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.nio.file.Path;
import java.util.List;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.ImageFragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Round trip over Aeron IPC ({@value #NAME}) or over Aeron UDP on loopback ({@value #UDP_NAME}): the harness offers on
 * stream {@link AeronIpc#PING_STREAM_ID}, the child echoes each message on {@link AeronIpc#PONG_STREAM_ID}, through
 * one media driver in a third JVM; both sides as Aeron's {@code Ping} and {@code Pong} samples run them
 * ({@link AeronIpc}): exclusive publications, busy-spinning polls of the image, messages longer than the MTU joined by
 * an {@code ImageFragmentAssembler}. Over UDP, as the samples' defaults: ping to {@code aeron:udp?endpoint=FAR:P},
 * pong back to {@code NEAR:P + 1} (P a free port, the hosts those of the run's {@link NetworkSetting}), one media
 * driver per side as one per host ({@link AeronIpc#startUdpDriver(BenchSession, boolean)}: the settings of
 * Ringline's embedded driver), the pong and its driver on the far side, both sides yielding when a poll finds
 * nothing ({@link AeronIpc#idle(boolean)}).
 */
public final class AeronIpcRoundTripPeer implements RoundTripPeer
{
    /**
     * Name in the report of the IPC peer.
     */
    public static final String NAME = "aeron-ipc";

    /**
     * Name in the report of the UDP peer.
     */
    public static final String UDP_NAME = "aeron-udp";

    private final boolean udp;

    /**
     * The IPC peer.
     */
    public AeronIpcRoundTripPeer()
    {
        this(false);
    }

    /**
     * @param udp true for Aeron UDP on loopback, false for Aeron IPC.
     */
    public AeronIpcRoundTripPeer(final boolean udp)
    {
        this.udp = udp;
    }

    @Override
    public String name()
    {
        return udp ? UDP_NAME : NAME;
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final Watchdog watchdog = session.watchdog();
        final Path aeronDir = udp ? AeronIpc.startUdpDriver(session, false) : AeronIpc.startDriver(session);
        final Path pongAeronDir = udp ? AeronIpc.startUdpDriver(session, true) : aeronDir;
        final int port = udp ? AeronIpc.freeUdpPortPair() : 0;
        final NetworkSetting network = session.network();
        final String pingChannel = udp ? AeronIpc.udpChannel(network.farHost(), port) : AeronIpc.CHANNEL;
        final String pongChannel = udp ? AeronIpc.udpChannel(network.nearHost(), port + 1) : AeronIpc.CHANNEL;

        try (Aeron aeron = AeronIpc.connect(aeronDir);
            ExclusivePublication publication = aeron.addExclusivePublication(pingChannel, AeronIpc.PING_STREAM_ID);
            Subscription subscription = aeron.addSubscription(pongChannel, AeronIpc.PONG_STREAM_ID))
        {
            final List<String> pongArgs =
                List.of(pongAeronDir.toString(), Long.toString(recorder.iterations()), pingChannel, pongChannel);
            final ChildProcess pong = udp ? session.startFarPong(this, pongArgs) : session.startPong(this, pongArgs);
            watchdog.await("pong to subscribe", publication::isConnected);
            final Image image = AeronIpc.awaitImage(subscription, watchdog);

            final int size = config.size();
            final UnsafeBuffer message = AeronIpc.messageBuffer(size);
            final LastSequenceHandler echo = new LastSequenceHandler();
            final ImageFragmentAssembler onEcho = new ImageFragmentAssembler(echo);
            final long iterations = recorder.iterations();
            for (long sequence = 1; sequence <= iterations; sequence++)
            {
                final long startNs = System.nanoTime();
                BenchMessage.sequence(message, 0, sequence);
                while (!AeronIpc.offer(publication, message, 0, size))
                {
                    watchdog.spin();
                }
                while (echo.lastSequence() != sequence)
                {
                    if (image.poll(onEcho, AeronIpc.FRAGMENT_COUNT_LIMIT) == 0)
                    {
                        AeronIpc.idle(udp);
                        watchdog.spin();
                    }
                    else if (echo.lastSequence() != sequence && echo.lastSequence() != sequence - 1)
                    {
                        throw new IllegalStateException(
                            "wrong echo: expected=" + sequence + ", received=" + echo.lastSequence());
                    }
                }
                recorder.record(sequence, System.nanoTime() - startNs);
            }
            session.awaitSuccess(pong);
        }

        return recorder;
    }

    /**
     * {@inheritDoc}
     *
     * @param args the Aeron directory, the number of iterations, the ping channel and the pong channel.
     */
    public void runPong(final List<String> args) throws Exception
    {
        AeronIpc.pong(Path.of(args.get(0)), args.get(2), args.get(3), Long.parseLong(args.get(1)), Echo::new, udp);
    }

    private static final class Echo implements AeronIpc.Answerer
    {
        private final ExclusivePublication publication;
        private long echoed;

        Echo(final ExclusivePublication publication)
        {
            this.publication = publication;
        }

        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            while (!AeronIpc.offer(publication, buffer, offset, length))
            {
                Thread.onSpinWait();
            }
            echoed++;
        }

        public long answered()
        {
            return echoed;
        }
    }
}
