package io.ringline.perf.jmh;

import io.ringline.BufferClaim;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The zero-copy publish in one thread: {@code tryClaim} of 32 bytes, one {@code long} written into the claimed space,
 * {@code commit} (see {@link RingBenchmarkState}), next to {@link OfferBenchmark}'s copy of the same 32 bytes.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     org.openjdk.jmh.Main TryClaimBenchmark -prof gc
 * </pre>
 */
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
