package io.ringline.perf.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A wake-capable publish: a 32-byte {@code offer} by an exclusive publisher on a {@code wait=futex} channel, in two
 * situations.
 * <ul>
 *   <li>{@link #nobodySleeps(NobodySleeps)}: the subscriber is drained in the publisher's thread every 256 messages,
 *   so nobody ever sleeps and the publisher only reads the sleeper count.</li>
 *   <li>{@link #subscriberSleeps(SubscriberSleeps)}: a subscriber thread waits in {@code receive}; before each publish
 *   (untimed, {@code Level.Invocation}) the harness waits until it has read everything and gives it 20 us to fall
 *   asleep on the futex, so every timed publish finds a sleeper and pays the {@code FUTEX_WAKE} system call.</li>
 * </ul>
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     org.openjdk.jmh.Main WakeupBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class WakeupBenchmark
{
    private static final int LENGTH = 32;
    private static final long FALL_ASLEEP_NS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final long RECEIVE_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** A fresh {@code wait=futex} channel with an exclusive publisher and a subscriber. */
    @State(Scope.Thread)
    public static class Channel
    {
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        Ringline ringline;
        String name;
        Publisher publisher;
        Subscriber subscriber;

        /** Opens the channel. */
        @Setup(Level.Trial)
        public void open()
        {
            ringline = Ringline.connect();
            name = "shm:jmh-wake-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
            final String uri = name + "?capacity=1m&wait=futex";
            subscriber = ringline.addSubscriber(uri);
            publisher = ringline.addExclusivePublisher(uri);
        }

        /** Removes the channel. */
        @TearDown(Level.Trial)
        public void remove()
        {
            ringline.removeChannel(name);
            ringline.close();
        }

        final long publish()
        {
            long result;
            while ((result = publisher.offer(message, 0, LENGTH)) < 0)
            {
                Thread.onSpinWait();
            }
            return result;
        }
    }

    /** Nobody sleeps: the publisher's thread drains the subscriber every 256 messages. */
    public static class NobodySleeps extends Channel
    {
        int sinceDrain;
    }

    /** A subscriber thread sleeps in {@code receive} before every publish. */
    public static class SubscriberSleeps extends Channel
    {
        private Thread thread;
        private volatile boolean running;
        private volatile long consumed;
        private long received;
        private long published;

        /** Starts the subscriber thread. */
        @Setup(Level.Trial)
        public void startSubscriber()
        {
            running = true;
            thread = new Thread(() ->
            {
                while (running)
                {
                    consumed += subscriber.receive((buffer, offset, length, header) -> received++, 256,
                        RECEIVE_TIMEOUT_NS);
                }
            }, "jmh-sleeping-subscriber");
            thread.setDaemon(true);
            thread.start();
        }

        /** Untimed: waits until the subscriber has read everything, then lets it fall asleep. */
        @Setup(Level.Invocation)
        public void awaitSleeper()
        {
            while (consumed < published)
            {
                Thread.onSpinWait();
            }
            LockSupport.parkNanos(FALL_ASLEEP_NS);
        }

        /**
         * Stops the subscriber thread.
         *
         * @throws InterruptedException if interrupted while joining it.
         */
        @TearDown(Level.Trial)
        public void stopSubscriber() throws InterruptedException
        {
            running = false;
            thread.join();
        }
    }

    /**
     * A publish when nobody sleeps.
     *
     * @param state the channel.
     * @return the offer's result.
     */
    @Benchmark
    public long nobodySleeps(final NobodySleeps state)
    {
        if (++state.sinceDrain == 256)
        {
            state.sinceDrain = 0;
            while (state.subscriber.poll((buffer, offset, length, header) -> { }, 1024) > 0)
            {
                // drain
            }
        }
        return state.publish();
    }

    /**
     * A publish that wakes a sleeping subscriber.
     *
     * @param state the channel and its sleeping subscriber.
     * @return the offer's result.
     */
    @Benchmark
    public long subscriberSleeps(final SubscriberSleeps state)
    {
        state.published++;
        return state.publish();
    }
}
