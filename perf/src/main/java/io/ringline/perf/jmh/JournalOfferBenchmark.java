package io.ringline.perf.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The journal's publisher in one thread: {@code offer} of 40 bytes by an exclusive publisher, against the ring's in
 * the same run ({@link JournalBenchmarkChannel}). A subscriber in the same thread drains every 256 messages, as in
 * {@link OfferBenchmark}, so that the journal's retention can delete what is read.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     org.openjdk.jmh.Main JournalOfferBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class JournalOfferBenchmark
{
    /** The journal, or the ring for comparison. */
    @Param({"journal", "ring"})
    public String kind;

    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private JournalBenchmarkChannel channel;
    private SubscriberDrain drain;

    /** Opens a fresh channel. */
    @Setup(Level.Trial)
    public void setUp()
    {
        channel = JournalBenchmarkChannel.open(kind);
        drain = new SubscriberDrain(channel.subscriber());
    }

    /** Removes the channel. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        channel.close();
    }

    /**
     * One offer; every 256th also drains the subscriber.
     *
     * @return the offer's result.
     */
    @Benchmark
    public long offer()
    {
        drain.every256();
        return channel.publisher().offer(message, 0, JournalBenchmarkChannel.LENGTH);
    }
}
