package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.nio.file.Path;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The floor: two processes bounce a sequence number between two cache lines of one {@code /dev/shm} file. No
 * framing, no queue, just a release store and an acquire load per direction, so every other peer's round trip can be
 * read as this plus its own overhead. The message size setting does not apply: each message is one {@code long}.
 * <pre>
 *   offset   0: ping line, 64 bytes; the harness writes sequence n here
 *   offset 128: pong line, 64 bytes; the child echoes n here once it sees it on the ping line
 *   length 4096 (one page)
 * </pre>
 * The lines are 128 bytes apart so the adjacent-line prefetcher does not make them share traffic.
 */
public final class ShmCacheLinePeer implements RoundTripPeer
{
    /**
     * Name in the report.
     */
    public static final String NAME = "shm-cacheline";

    static final int PING_OFFSET = 0;
    static final int PONG_OFFSET = 128;
    static final int FILE_LENGTH = 4096;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final Path path = session.directory().resolve("cachelines");
        final RoundTripRecorder recorder = new RoundTripRecorder(session.config());
        final Watchdog watchdog = session.watchdog();

        try (MappedFile file = MappedFile.create(path, FILE_LENGTH))
        {
            final ChildProcess pong =
                session.startPong(this, List.of(path.toString(), Long.toString(recorder.iterations())));
            final UnsafeBuffer buffer = file.buffer();
            final long iterations = recorder.iterations();
            for (long sequence = 1; sequence <= iterations; sequence++)
            {
                final long startNs = System.nanoTime();
                buffer.putLongRelease(PING_OFFSET, sequence);
                while (buffer.getLongAcquire(PONG_OFFSET) != sequence)
                {
                    watchdog.spin();
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
     * @param args the file path and the number of iterations.
     */
    public void runPong(final List<String> args) throws Exception
    {
        final Path path = Path.of(args.get(0));
        final long iterations = Long.parseLong(args.get(1));

        try (MappedFile file = MappedFile.open(path))
        {
            final UnsafeBuffer buffer = file.buffer();
            for (long sequence = 1; sequence <= iterations; sequence++)
            {
                while (buffer.getLongAcquire(PING_OFFSET) != sequence)
                {
                    Thread.onSpinWait();
                }
                buffer.putLongRelease(PONG_OFFSET, sequence);
            }
        }
    }
}
