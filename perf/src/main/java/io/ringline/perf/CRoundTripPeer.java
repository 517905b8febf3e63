package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;


/**
 * Round trip between two processes of a {@link CReferenceProgram}, both C, so the harness JVM only launches and
 * collects. Each run compiles the program ({@link CProgram}; skipped without a C compiler), starts its pong and
 * then its ping with the run directory's shared object, waits for both, and loads the ping's round trips, a file of
 * native-order {@code int64} nanoseconds from {@code CLOCK_MONOTONIC}, one per measured iteration, into the histogram.
 * <pre>
 *   program ping|pong &lt;path&gt; &lt;iterations&gt; &lt;warmup&gt; &lt;size&gt; &lt;timeout-seconds&gt; [&lt;rtt-file&gt;]
 * </pre>
 * While the C ping runs, the harness looks at its processes ten times a second, so a pong that dies is noticed.
 */
public final class CRoundTripPeer implements RoundTripPeer
{
    private static final long EXIT_POLL_MS = 100;
    private static final String RTT_FILE_NAME = "rtt.bin";

    private final CReferenceProgram program;

    /**
     * @param program the C program pair to run.
     */
    public CRoundTripPeer(final CReferenceProgram program)
    {
        this.program = program;
    }

    @Override
    public String name()
    {
        return program.peerName();
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final Path rttFile = session.directory().resolve(RTT_FILE_NAME);
        final long timeoutSeconds = TimeUnit.MILLISECONDS.toSeconds(session.watchdog().remainingMs()) + 1;
        final List<String> args = List.of(
            session.directory().resolve(program.pathName()).toString(),
            Long.toString(recorder.iterations()),
            Long.toString(config.warmup()),
            Integer.toString(config.size()),
            Long.toString(timeoutSeconds));

        try (CProgram binary = CProgram.compile(program.sourceName(), program.compilerFlags()))
        {
            final ChildProcess pong = session.startProgram(name() + "/pong", binary.command(arguments("pong", args)));
            final List<String> pingArgs = arguments("ping", args);
            pingArgs.add(rttFile.toString());
            final ChildProcess ping = session.startPingProgram(name() + "/ping", binary.command(pingArgs));

            while (!ping.awaitExit(EXIT_POLL_MS))
            {
                session.watchdog().check();
            }
            session.awaitSuccess(ping);
            session.awaitSuccess(pong);
        }
        loadRoundTrips(rttFile, config.warmup(), recorder);

        return recorder;
    }

    /**
     * Not used: both sides are C programs started by {@link #runPing(BenchSession)}.
     *
     * @param args ignored.
     * @throws UnsupportedOperationException always.
     */
    public void runPong(final List<String> args)
    {
        throw new UnsupportedOperationException("the pong of a C peer is a C program: name=" + name());
    }

    private static List<String> arguments(final String role, final List<String> args)
    {
        final List<String> arguments = new ArrayList<>();
        arguments.add(role);
        arguments.addAll(args);

        return arguments;
    }

    private static void loadRoundTrips(final Path rttFile, final long warmup, final RoundTripRecorder recorder)
        throws IOException
    {
        final long expectedBytes = (recorder.iterations() - warmup) * Long.BYTES;
        final long actualBytes = Files.size(rttFile);
        if (actualBytes != expectedBytes)
        {
            throw new IOException("round-trip file has the wrong length: path=" + rttFile +
                ", bytes=" + actualBytes + ", expected=" + expectedBytes);
        }

        final ByteBuffer rtts = ByteBuffer.wrap(Files.readAllBytes(rttFile)).order(ByteOrder.nativeOrder());
        for (long sequence = warmup + 1; rtts.hasRemaining(); sequence++)
        {
            recorder.record(sequence, rtts.getLong());
        }
    }
}
