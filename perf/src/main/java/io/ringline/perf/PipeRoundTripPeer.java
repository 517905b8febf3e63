package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;


/**
 * Round trip over two kernel pipes, the child JVM's stdin and stdout
 * ({@link BenchSession#startPongWithPipes(RoundTripPeer, List)}): the harness writes a size-byte
 * {@link BenchMessage} to the child's stdin and flushes, the child reads it whole from file descriptor 0 and writes it
 * to file descriptor 1, unbuffered, the harness reads the echo whole. Both sides sleep in the kernel while they wait.
 * The child points {@code System.out} at stderr first, so nothing else can write into the data pipe.
 */
public final class PipeRoundTripPeer implements RoundTripPeer
{
    /**
     * Name in the report.
     */
    public static final String NAME = "jdk-pipe";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final int size = config.size();
        final ChildProcess pong = session.startPongWithPipes(this, List.of(
            Long.toString(recorder.iterations()), Integer.toString(size)));

        final OutputStream toPong = pong.process().getOutputStream();
        final InputStream fromPong = pong.process().getInputStream();
        final byte[] message = new byte[size];
        final byte[] echo = new byte[size];
        final ByteBuffer messageView = ByteBuffer.wrap(message).order(ByteOrder.nativeOrder());
        final ByteBuffer echoView = ByteBuffer.wrap(echo).order(ByteOrder.nativeOrder());
        final long iterations = recorder.iterations();
        final BlockingGuard guard = BlockingGuard.start(session.watchdog(), pong);
        try
        {
            for (long sequence = 1; sequence <= iterations; sequence++)
            {
                messageView.putLong(BenchMessage.SEQUENCE_OFFSET, sequence);
                final long startNs = System.nanoTime();
                toPong.write(message);
                toPong.flush();
                BlockingIo.readFully(fromPong, echo);
                recorder.record(sequence, System.nanoTime() - startNs);

                final long echoed = echoView.getLong(BenchMessage.SEQUENCE_OFFSET);
                if (echoed != sequence)
                {
                    throw new IllegalStateException("wrong echo: expected=" + sequence + ", received=" + echoed);
                }
            }
            toPong.close();
        }
        catch (final IOException ex)
        {
            throw guard.explain(ex);
        }
        finally
        {
            guard.close();
        }
        session.awaitSuccess(pong);

        return recorder;
    }

    /**
     * {@inheritDoc}
     *
     * @param args the number of iterations and the message size.
     */
    public void runPong(final List<String> args) throws Exception
    {
        final long iterations = Long.parseLong(args.get(0));
        final byte[] message = new byte[Integer.parseInt(args.get(1))];
        final InputStream in = new FileInputStream(FileDescriptor.in);
        final OutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);

        for (long i = 0; i < iterations; i++)
        {
            BlockingIo.readFully(in, message);
            out.write(message);
        }
    }
}
