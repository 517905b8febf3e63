package io.ringline.perf.jmh;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;
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

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The publisher's hot path in one thread: {@code offer} of 32 bytes, with the subscriber drained every 256 offers
 * (its cost amortised into every figure alike). Compares a channel with wakeups off (busy-spin subscribers only) and
 * on (subscribers may sleep; nobody does here), for the exclusive and the concurrent publisher: the price a
 * publisher pays for being able to wake someone when nobody sleeps.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     org.openjdk.jmh.Main OfferBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class OfferBenchmark
{
    /** Exclusive or concurrent publisher. */
    @Param({"exclusive", "concurrent"})
    public String publisherMode;

    /** Whether the channel has wakeups. */
    @Param({"false", "true"})
    public boolean wakeups;

    private Ringline ringline;
    private String channel;
    private Publisher publisher;
    private Subscriber subscriber;
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private final Drain drain = new Drain();
    private int sinceDrain;

    private static final class Drain implements MessageHandler
    {
        long sum;

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            sum += length;
        }
    }

    /** Opens a fresh channel. */
    @Setup(Level.Trial)
    public void setUp()
    {
        ringline = Ringline.connect();
        channel = "shm:jmh-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        final String uri = channel + "?capacity=1m&wakeups=" + wakeups;
        subscriber = ringline.addSubscriber(uri);
        publisher = "exclusive".equals(publisherMode) ? ringline.addExclusivePublisher(uri) : ringline.addPublisher(uri);
    }

    /** Removes the channel. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        ringline.removeChannel(channel);
        ringline.close();
    }

    /**
     * One offer; every 256th also drains the subscriber.
     *
     * @return the offer's result.
     */
    @Benchmark
    public long offer()
    {
        if (++sinceDrain == 256)
        {
            sinceDrain = 0;
            while (subscriber.poll(drain, 1024) > 0)
            {
                // drain
            }
        }
        return publisher.offer(message, 0, 32);
    }
}
