package io.ringline.perf.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

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
    private final Drain drain = new Drain();
    private JournalBenchmarkChannel channel;
    private Ringline ringline;
    private Publisher publisher;
    private Subscriber subscriber;
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
        channel = JournalBenchmarkChannel.create(kind);
        ringline = Ringline.connect();
        subscriber = ringline.addSubscriber(channel.subscriberUri());
        publisher = ringline.addExclusivePublisher(channel.publisherUri());
    }

    /** Removes the channel. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        subscriber.close();
        publisher.close();
        ringline.removeChannel(channel.removeUri());
        ringline.close();
        channel.deleteFiles();
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
        return publisher.offer(message, 0, JournalBenchmarkChannel.LENGTH);
    }
}
