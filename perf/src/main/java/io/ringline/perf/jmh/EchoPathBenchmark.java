package io.ringline.perf.jmh;

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

import java.util.concurrent.TimeUnit;

/**
 * The code a round trip runs, without the cross-core part: one thread offers a 32-byte ping, polls it off the ping
 * channel with an echo handler that offers it onto the pong channel from inside the handler, and polls the echo off
 * the pong channel ({@link PingPongPair#roundTripInOneThread}), exactly the calls {@link RingPingPong} and
 * {@link AeronPingPong} make across two threads in {@link PingPongBenchmark}. What it measures is the instructions and
 * in-core stalls of the round trip; what the two-thread benchmark adds on top is the cache-line transfers between the
 * cores.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     org.openjdk.jmh.Main EchoPathBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class EchoPathBenchmark
{
    /** Which engine carries the round trip. */
    @Param({"ringline-shm", "aeron-ipc"})
    public String peer;

    private PingPongPair pair;
    private long sequence;

    /**
     * Opens both channels of the chosen engine.
     *
     * @throws Exception if they cannot be opened.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        pair = PingPongPair.create(peer);
        pair.open(32);
    }

    /**
     * Closes what the trial opened.
     *
     * @throws Exception if it cannot be closed.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        pair.close();
    }

    /**
     * One round trip's code in one thread.
     *
     * @return the echoed sequence.
     */
    @Benchmark
    public long roundTrip()
    {
        final long echoed = pair.roundTripInOneThread(++sequence);
        if (echoed != sequence)
        {
            throw new IllegalStateException("lost echo: expected=" + sequence + " echoed=" + echoed);
        }
        return echoed;
    }
}
