package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * One-way throughput over one blocking JDK stream socket ({@link SocketTransport}): the child writes each size-byte
 * {@link BenchMessage} with its own write call, as fast as the socket takes them ({@link ProducerLoop}); the harness
 * reads whatever has arrived, up to 64 KiB per read, and counts whole messages ({@link ThroughputCounter}).
 */
public final class SocketThroughputPeer implements ThroughputPeer
{
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final SocketTransport transport;

    /**
     * @param transport the socket kind.
     */
    public SocketThroughputPeer(final SocketTransport transport)
    {
        this.transport = transport;
    }

    @Override
    public String name()
    {
        return transport.peerName();
    }

    @Override
    public double runConsumer(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final ThroughputCounter counter = new ThroughputCounter();

        final ChildProcess producer;
        final SocketChannel channel;
        try (SocketListener listener = SocketListener.open(transport, session.directory()))
        {
            producer = session.startProducer(this, List.of(listener.address(), Integer.toString(config.size()),
                Long.toString(config.warmupNs()), Long.toString(config.measureNs())));
            channel = listener.accept(session.watchdog());
        }
        try (channel)
        {
            consume(channel, session.watchdog(), config.size(), counter);
        }
        session.awaitSuccess(producer);

        return counter.messagesPerSecond();
    }

    /**
     * {@inheritDoc}
     *
     * @param args the address to connect to, the message size, the warm-up and the measured nanoseconds.
     */
    public void runProducer(final List<String> args) throws Exception
    {
        final ByteBuffer message = ByteBuffer.allocateDirect(Integer.parseInt(args.get(1)))
            .order(ByteOrder.nativeOrder());
        final long warmupNs = Long.parseLong(args.get(2));
        final long measureNs = Long.parseLong(args.get(3));

        try (SocketChannel channel = transport.connect(args.get(0)))
        {
            ProducerLoop.run(
                (sequence) ->
                {
                    message.clear();
                    message.putLong(BenchMessage.SEQUENCE_OFFSET, sequence);
                    try
                    {
                        BlockingIo.writeFully(channel, message);
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                    return true;
                },
                warmupNs,
                measureNs);
        }
    }

    private static void consume(
        final SocketChannel channel, final Watchdog watchdog, final int size, final ThroughputCounter counter)
        throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(READ_BUFFER_BYTES, size))
            .order(ByteOrder.nativeOrder());
        final BlockingGuard guard = BlockingGuard.start(watchdog, channel);
        try
        {
            while (!counter.isEnded())
            {
                if (channel.read(buffer) < 0)
                {
                    throw new EOFException("stream ended before the end marker: bufferedBytes=" + buffer.position());
                }
                buffer.flip();
                while (buffer.remaining() >= size && !counter.isEnded())
                {
                    counter.onSequence(buffer.getLong(buffer.position() + BenchMessage.SEQUENCE_OFFSET));
                    buffer.position(buffer.position() + size);
                }
                buffer.compact();
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
