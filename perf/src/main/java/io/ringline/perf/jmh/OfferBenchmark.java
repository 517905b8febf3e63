package io.ringline.perf.jmh;

import org.openjdk.jmh.annotations.Benchmark;

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
