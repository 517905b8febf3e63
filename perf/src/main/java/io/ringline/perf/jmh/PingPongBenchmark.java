package io.ringline.perf.jmh;

import java.util.concurrent.TimeUnit;

import io.ringline.os.CpuAffinity;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trip between two threads of one JVM, for the ring and its peers in the same run: Ringline's {@code shm:}
 * ring, Aeron IPC (embedded driver), Agrona's {@code OneToOneRingBuffer} and a bare cache-line ping-pong (the floor).
 * One invocation is one round trip of a {@code size}-byte message carrying its sequence; the echo thread runs for the
 * whole trial and busy-spins, as does the benchmark thread. With two or more CPUs the benchmark thread is pinned to
 * CPU 0 and the echo thread to CPU 1 ({@code -Dringline.jmh.pin=false} leaves both to the scheduler).
 *
 * <p>The cross-process figures stay with {@code ringline bench}; this one takes the process boundary, the harness
 * and the JIT profile of a long-lived harness JVM out of the comparison (issue 12's first hypothesis), and it is where
 * the ring's ablation switches (docs/perf.md) are measured.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     org.openjdk.jmh.Main PingPongBenchmark -p size=32,256
 * </pre>
 * An ablation run takes one piece out of the ring's hot path in the forked JVM (the switches are listed in
 * {@code io.ringline.ring.Ablations}), next to Aeron in the same run:
 * <pre>
 * ... org.openjdk.jmh.Main PingPongBenchmark -p peer=ringline-shm,aeron-ipc -jvmArgsAppend -Dringline.ablate.claimRecord=true
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class PingPongBenchmark
{
    /** Which pair of endpoints: see {@link PingPongPair#create(String)}. */
    @Param({"ringline-shm", "aeron-ipc", "agrona-o2o", "cache-line"})
    public String peer;

    /** Bytes per message, at least 8 (the sequence). */
    @Param({"32"})
    public int size;

    private PingPongPair pair;
    private Thread echo;
    private volatile boolean running;
    private volatile Throwable echoFailure;
    private long sequence;

    /**
     * Opens the pair and starts the echo thread.
     *
     * @throws Exception if the pair cannot be opened.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        pair = PingPongPair.create(peer);
        pair.open(size);
        running = true;
        final boolean pin = pinning();
        echo = new Thread(() ->
        {
            try
            {
                if (pin)
                {
                    CpuAffinity.pinThisThread(1);
                }
                pair.echoUntil(() -> running);
            }
            catch (final Throwable ex)
            {
                echoFailure = ex;
                pair.echoFailed(ex);
            }
        }, "ping-pong-echo");
        echo.setDaemon(true);
        echo.start();
    }

    /**
     * Pins the benchmark thread (JMH runs iteration set-up on it).
     */
    @Setup(Level.Iteration)
    public void pinBenchmarkThread()
    {
        if (pinning())
        {
            CpuAffinity.pinThisThread(0);
        }
    }

    private static boolean pinning()
    {
        return Boolean.parseBoolean(System.getProperty("ringline.jmh.pin", "true")) &&
            CpuAffinity.allowedCpus().length >= 2;
    }

    /**
     * Stops the echo thread and closes the pair.
     *
     * @throws Exception if the echo thread failed or does not stop.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        running = false;
        echo.join(10_000);
        pair.close();
        if (echo.isAlive())
        {
            throw new IllegalStateException("echo thread of " + peer + " did not stop");
        }
        if (null != echoFailure)
        {
            throw new IllegalStateException("echo thread of " + peer + " failed", echoFailure);
        }
    }

    /**
     * One round trip.
     *
     * @return the sequence echoed, so that nothing is optimised away.
     */
    @Benchmark
    public long roundTrip()
    {
        final long echoed = pair.roundTrip(++sequence);
        if (echoed != sequence)
        {
            throw new IllegalStateException(peer + " echoed " + echoed + " for " + sequence);
        }
        return echoed;
    }
}
