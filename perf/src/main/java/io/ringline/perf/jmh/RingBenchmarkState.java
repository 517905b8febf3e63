package io.ringline.perf.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;
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
 * What the single-thread publisher benchmarks share: a fresh {@code shm:} channel of 1 MiB per trial, an exclusive or
 * concurrent publisher, wakeups off or on, a 32-byte message, and a subscriber in the same thread drained every 256
 * messages ({@link #drainEvery256()}), its cost amortised into every figure alike. The benchmarks inherit its run
 * settings: average time in ns, 3 + 5 one-second iterations, one fork with Ringline's JVM flags.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public abstract class RingBenchmarkState
{
    /** Bytes per message. */
    public static final int LENGTH = 32;

    /** Exclusive or concurrent publisher. */
    @Param({"exclusive", "concurrent"})
    public String publisherMode;

    /** Whether the channel has wakeups (subscribers may sleep; nobody does here). */
    @Param({"false", "true"})
    public boolean wakeups;

    /** The publisher under test. */
    protected Publisher publisher;

    /** A 32-byte message. */
    protected final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));

    private Ringline ringline;
    private String channel;
    private Subscriber subscriber;
    private SubscriberDrain drain;

    /** Opens a fresh channel. */
    @Setup(Level.Trial)
    public void setUp()
    {
        ringline = Ringline.connect();
        channel = "shm:jmh-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        final String uri = channel + "?capacity=1m&wakeups=" + wakeups;
        subscriber = ringline.addSubscriber(uri);
        drain = new SubscriberDrain(subscriber);
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
     * Every 256th call drains the subscriber, so the ring never fills.
     */
    protected final void drainEvery256()
    {
        drain.every256();
    }
}
