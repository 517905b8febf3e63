package io.ringline.perf.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.ringline.Publisher;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The journal's subscriber in one thread, reading what is already written (a replay): before each invocation
 * (untimed) {@value #BATCH} messages of 40 bytes are offered; the invocation polls them with a message limit of 1 (a
 * poll per message, as {@link PollBenchmark}) or 256 (the limit of {@code ringline bench}'s readers); the score is per
 * message. The handler reads each message's first {@code long}. The ring runs the same for comparison.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     org.openjdk.jmh.Main JournalPollBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class JournalPollBenchmark
{
    /** Messages polled per invocation. */
    public static final int BATCH = 100_000;

    /** The journal, or the ring for comparison. */
    @Param({"journal", "ring"})
    public String kind;

    /** Messages per poll. */
    @Param({"1", "256"})
    public int limit;

    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private final SequenceSum reader = new SequenceSum();
    private JournalBenchmarkChannel channel;
    private Publisher publisher;
    private Subscriber subscriber;

    /** Opens a fresh channel. */
    @Setup(Level.Trial)
    public void setUp()
    {
        channel = JournalBenchmarkChannel.open(kind);
        publisher = channel.publisher();
        subscriber = channel.subscriber();
    }

    /** Writes a batch, untimed. */
    @Setup(Level.Invocation)
    public void fill()
    {
        for (int i = 0; i < BATCH; i++)
        {
            message.putLong(0, i);
            if (publisher.offer(message, 0, JournalBenchmarkChannel.LENGTH) < 0)
            {
                throw new IllegalStateException("channel full while filling: i=" + i);
            }
        }
    }

    /** Removes the channel. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        channel.close();
    }

    /**
     * Polls the batch.
     *
     * @return what the handler read, so nothing is dead code.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long poll()
    {
        int polled = 0;
        while (polled < BATCH)
        {
            polled += subscriber.poll(reader, limit);
        }
        return reader.sum;
    }
}
