package io.ringline.perf.jmh;

import java.util.concurrent.TimeUnit;

import io.ringline.BufferClaim;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The zero-copy publish in one thread: {@code tryClaim} of 32 bytes, one {@code long} written into the claimed space,
 * {@code commit} (see {@link RingBenchmarkState}), next to {@link OfferBenchmark}'s copy of the same 32 bytes.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     org.openjdk.jmh.Main TryClaimBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class TryClaimBenchmark extends RingBenchmarkState
{
    private final BufferClaim claim = new BufferClaim();
    private long sequence;

    /**
     * One claim, write and commit; every 256th also drains the subscriber.
     *
     * @return the claim's result.
     */
    @Benchmark
    public long tryClaimCommit()
    {
        drainEvery256();
        final long result = publisher.tryClaim(LENGTH, claim);
        if (result >= 0)
        {
            claim.buffer().putLong(claim.offset(), ++sequence);
            claim.commit();
        }
        return result;
    }
}
