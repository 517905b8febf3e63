package io.ringline.perf.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The publisher's hot path in one thread: {@code offer} of 32 bytes (see {@link RingBenchmarkState}). Compares a
 * channel with wakeups off (busy-spin subscribers only) and on (subscribers may sleep; nobody does here), for the
 * exclusive and the concurrent publisher: the price a publisher pays for being able to wake someone when nobody
 * sleeps.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     org.openjdk.jmh.Main OfferBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class OfferBenchmark extends RingBenchmarkState
{
    /**
     * One offer; every 256th also drains the subscriber.
     *
     * @return the offer's result.
     */
    @Benchmark
    public long offer()
    {
        drainEvery256();
        return publisher.offer(message, 0, LENGTH);
    }
}
