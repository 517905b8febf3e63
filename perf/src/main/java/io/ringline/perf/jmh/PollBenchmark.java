package io.ringline.perf.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.ringline.Publisher;
import io.ringline.Ringline;
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
 * The subscriber's hot path in one thread: {@code poll} of one 32-byte message at a time, with nothing else in the
 * timed code. Before each invocation (untimed) the ring is filled with {@value #BATCH} messages; the invocation polls
 * them one by one; the score is per {@code poll}. A handler reads each message's first {@code long}, as an
 * application would.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     org.openjdk.jmh.Main PollBenchmark -prof gc
 * </pre>
 *
 * {@code -p options=latency=true} measures what a subscriber's live latency histogram costs per message against
 * {@code timestamps=true} (the clock read it needs on the publisher side) and neither.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class PollBenchmark
{
    /** Messages polled per invocation. */
    public static final int BATCH = 100_000;

    private static final int LENGTH = 32;

    /** Extra channel parameters: none, publisher timestamps, or timestamps and the live latency histograms. */
    @Param({"none", "timestamps=true", "latency=true"})
    public String options;

    private Ringline ringline;
    private String channel;
    private Publisher publisher;
    private Subscriber subscriber;
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private final SequenceSum reader = new SequenceSum();

    /** Opens a fresh channel large enough for a batch. */
    @Setup(Level.Trial)
    public void setUp()
    {
        ringline = Ringline.connect();
        channel = "shm:jmh-poll-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        final String uri = channel + "?capacity=16m" + ("none".equals(options) ? "" : "&" + options);
        subscriber = ringline.addSubscriber(uri);
        publisher = ringline.addExclusivePublisher(uri);
    }

    /** Fills the ring with a batch, untimed. */
    @Setup(Level.Invocation)
    public void fill()
    {
        for (int i = 0; i < BATCH; i++)
        {
            message.putLong(0, i);
            if (publisher.offer(message, 0, LENGTH) < 0)
            {
                throw new IllegalStateException("ring full while filling: i=" + i);
            }
        }
    }

    /** Removes the channel. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        ringline.removeChannel(channel);
        ringline.close();
    }

    /**
     * Polls the batch one message at a time.
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
            polled += subscriber.poll(reader, 1);
        }
        return reader.sum;
    }
}
