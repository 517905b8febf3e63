package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.nio.file.Path;
import java.util.List;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Round trip over two Agrona ring buffers in {@code /dev/shm} files, one each way: the harness writes a message to
 * {@code ping.ring}, the child copies it to {@code pong.ring}, the harness reads it back.
 */
public final class RingBufferRoundTripPeer implements RoundTripPeer
{
    private final RingBufferType type;

    /**
     * @param type of both rings.
     */
    public RingBufferRoundTripPeer(final RingBufferType type)
    {
        this.type = type;
    }

    @Override
    public String name()
    {
        return type.peerName();
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final Path pingPath = session.directory().resolve("ping.ring");
        final Path pongPath = session.directory().resolve("pong.ring");
        final int fileLength = RingBufferType.fileLength(config.ringCapacity());
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final Watchdog watchdog = session.watchdog();

        try (MappedFile pingFile = MappedFile.create(pingPath, fileLength);
            MappedFile pongFile = MappedFile.create(pongPath, fileLength))
        {
            final RingBuffer toPong = type.wrap(pingFile.buffer());
            final RingBuffer fromPong = type.wrap(pongFile.buffer());
            final ChildProcess pong = session.startPong(this, List.of(
                pingPath.toString(), pongPath.toString(), Long.toString(recorder.iterations())));

            final int size = config.size();
            final UnsafeBuffer message = new UnsafeBuffer(new byte[size]);
            final LastSequenceHandler echo = new LastSequenceHandler();
            final long iterations = recorder.iterations();
            for (long sequence = 1; sequence <= iterations; sequence++)
            {
                final long startNs = System.nanoTime();
                BenchMessage.sequence(message, 0, sequence);
                while (!toPong.write(RingBufferType.MSG_TYPE_ID, message, 0, size))
                {
                    watchdog.spin();
                }
                while (fromPong.read(echo, 1) == 0)
                {
                    watchdog.spin();
                }
                recorder.record(sequence, System.nanoTime() - startNs);

                if (echo.lastSequence() != sequence)
                {
                    throw new IllegalStateException(
                        "wrong echo: expected=" + sequence + ", received=" + echo.lastSequence());
                }
            }
            session.awaitSuccess(pong);
        }

        return recorder;
    }

    /**
     * {@inheritDoc}
     *
     * @param args the ping ring path, the pong ring path and the number of iterations.
     */
    public void runPong(final List<String> args) throws Exception
    {
        final long iterations = Long.parseLong(args.get(2));

        try (MappedFile pingFile = MappedFile.open(Path.of(args.get(0)));
            MappedFile pongFile = MappedFile.open(Path.of(args.get(1))))
        {
            final RingBuffer fromPing = type.wrap(pingFile.buffer());
            final Echo echo = new Echo(type.wrap(pongFile.buffer()));
            while (echo.echoed < iterations)
            {
                if (fromPing.read(echo) == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private static final class Echo implements MessageHandler
    {
        private final RingBuffer out;
        private long echoed;

        Echo(final RingBuffer out)
        {
            this.out = out;
        }

        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            while (!out.write(msgTypeId, buffer, index, length))
            {
                Thread.onSpinWait();
            }
            echoed++;
        }
    }
}
