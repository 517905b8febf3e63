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
 * Round trip over Aeron IPC: the harness offers on stream {@link AeronIpc#PING_STREAM_ID}, the child echoes each
 * message on {@link AeronIpc#PONG_STREAM_ID}, through a media driver in a third JVM; both sides as Aeron's
 * {@code Ping} and {@code Pong} samples run them ({@link AeronIpc}): exclusive publications, busy-spinning polls of the
 * image, messages longer than the MTU joined by an {@code ImageFragmentAssembler}.
 */
public final class AeronIpcRoundTripPeer implements RoundTripPeer
{
    /**
     * Name in the report.
     */
    public static final String NAME = "aeron-ipc";

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     */
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final Watchdog watchdog = session.watchdog();
        final Path aeronDir = AeronIpc.startDriver(session);

        try (Aeron aeron = AeronIpc.connect(aeronDir);
            ExclusivePublication publication = aeron.addExclusivePublication(AeronIpc.CHANNEL, AeronIpc.PING_STREAM_ID);
            Subscription subscription = aeron.addSubscription(AeronIpc.CHANNEL, AeronIpc.PONG_STREAM_ID))
        {
            final ChildProcess pong = session.startPong(
                this, List.of(aeronDir.toString(), Long.toString(recorder.iterations())));
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
     * @param args the Aeron directory and the number of iterations.
     */
    public void runPong(final List<String> args) throws Exception
    {
        AeronIpc.pong(Path.of(args.get(0)), Long.parseLong(args.get(1)), Echo::new);
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
