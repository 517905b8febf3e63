package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.List;


/**
 * Round trip over one blocking JDK stream socket ({@link SocketTransport}): the harness writes a size-byte
 * {@link BenchMessage}, the child reads it whole and writes it back, the harness reads the echo whole. Both sides
 * sleep in the kernel while they wait.
 */
public final class SocketRoundTripPeer implements RoundTripPeer
{
    private final SocketTransport transport;

    /**
     * @param transport the socket kind.
     */
    public SocketRoundTripPeer(final SocketTransport transport)
    {
        this.transport = transport;
    }

    @Override
    public String name()
    {
        return transport.peerName();
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final int size = config.size();

        final ChildProcess pong;
        final SocketChannel channel;
        try (SocketListener listener = SocketListener.open(transport, session.directory()))
        {
            pong = session.startPong(this, List.of(
                listener.address(), Long.toString(recorder.iterations()), Integer.toString(size)));
            channel = listener.accept(session.watchdog());
        }
        try (channel)
        {
            ping(channel, session.watchdog(), size, recorder);
        }
        session.awaitSuccess(pong);

        return recorder;
    }

    /**
     * {@inheritDoc}
     *
     * @param args the address to connect to, the number of iterations and the message size.
     */
    public void runPong(final List<String> args) throws Exception
    {
        final long iterations = Long.parseLong(args.get(1));
        final ByteBuffer message = ByteBuffer.allocateDirect(Integer.parseInt(args.get(2)));

        try (SocketChannel channel = transport.connect(args.get(0)))
        {
            for (long i = 0; i < iterations; i++)
            {
                message.clear();
                BlockingIo.readFully(channel, message);
                message.flip();
                BlockingIo.writeFully(channel, message);
            }
        }
    }

    private static void ping(
        final SocketChannel channel, final Watchdog watchdog, final int size, final RoundTripRecorder recorder)
        throws IOException
    {
        final ByteBuffer message = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        final ByteBuffer echo = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        final long iterations = recorder.iterations();
        final BlockingGuard guard = BlockingGuard.start(watchdog, channel);
        try
        {
            for (long sequence = 1; sequence <= iterations; sequence++)
            {
                message.clear();
                message.putLong(BenchMessage.SEQUENCE_OFFSET, sequence);
                echo.clear();
                final long startNs = System.nanoTime();
                BlockingIo.writeFully(channel, message);
                BlockingIo.readFully(channel, echo);
                recorder.record(sequence, System.nanoTime() - startNs);

                final long echoed = echo.getLong(BenchMessage.SEQUENCE_OFFSET);
                if (echoed != sequence)
                {
                    throw new IllegalStateException("wrong echo: expected=" + sequence + ", received=" + echoed);
                }
            }
        }
        catch (final IOException ex)
        {
            throw guard.explain(ex);
        }
        finally
        {
            guard.close();
        }
    }
}
