package io.ringline.perf.jmh;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.ImageFragmentAssembler;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.perf.AeronIpc;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
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
 * The code a round trip runs, without the cross-core part: one thread offers a 32-byte ping, polls it off the ping
 * channel with an echo handler that offers it onto the pong channel from inside the handler, and polls the echo off
 * the pong channel, exactly the calls {@link RingPingPong} and {@link AeronPingPong} make across two threads. What it
 * measures is the instructions and in-core stalls of the round trip; what {@code PingPongBenchmark} adds on top is the
 * cache-line transfers between the cores, the same for both.
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
    private static final int LENGTH = 32;

    /** Which engine carries the round trip. */
    @Param({"ringline", "aeron"})
    public String engine;

    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private long echoed;

    private Ringline ringline;
    private String ping;
    private String pong;
    private Publisher toEcho;
    private Subscriber echoSubscriber;
    private Publisher echoPublisher;
    private Subscriber fromEcho;
    private MessageHandler ringEcho;
    private MessageHandler ringOnEcho;

    private MediaDriver driver;
    private Aeron aeron;
    private ExclusivePublication aeronToEcho;
    private ExclusivePublication aeronEchoPublication;
    private Subscription aeronPingSubscription;
    private Subscription aeronPongSubscription;
    private Image aeronEchoImage;
    private Image aeronFromEcho;
    private FragmentHandler aeronEcho;
    private FragmentHandler aeronOnEcho;

    /** Opens both channels of the chosen engine. */
    @Setup(Level.Trial)
    public void setUp()
    {
        if ("ringline".equals(engine))
        {
            openRing();
        }
        else
        {
            openAeron();
        }
    }

    private void openRing()
    {
        final String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        ping = "shm:jmh-echo-ping-" + suffix + "?capacity=64k&wait=spin";
        pong = "shm:jmh-echo-pong-" + suffix + "?capacity=64k&wait=spin";
        ringline = Ringline.connect();
        fromEcho = ringline.addSubscriber(pong);
        echoSubscriber = ringline.addSubscriber(ping);
        toEcho = ringline.addExclusivePublisher(ping);
        echoPublisher = ringline.addExclusivePublisher(pong);
        final Publisher publisher = echoPublisher;
        ringEcho = (buffer, offset, length, header) ->
        {
            while (publisher.offer(buffer, offset, length) < 0)
            {
                Thread.onSpinWait();
            }
        };
        ringOnEcho = (buffer, offset, length, header) -> echoed = buffer.getLong(offset);
    }

    private void openAeron()
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/aeron-jmh-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1))
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(false)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        aeronToEcho = aeron.addExclusivePublication(AeronIpc.CHANNEL, AeronIpc.PING_STREAM_ID);
        aeronPongSubscription = aeron.addSubscription(AeronIpc.CHANNEL, AeronIpc.PONG_STREAM_ID);
        aeronPingSubscription = aeron.addSubscription(AeronIpc.CHANNEL, AeronIpc.PING_STREAM_ID);
        aeronEchoPublication = aeron.addExclusivePublication(AeronIpc.CHANNEL, AeronIpc.PONG_STREAM_ID);
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (!aeronToEcho.isConnected() || !aeronEchoPublication.isConnected() ||
            aeronPongSubscription.imageCount() == 0 || aeronPingSubscription.imageCount() == 0)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("aeron-ipc: publications not connected within 10 s");
            }
            Thread.yield();
        }
        aeronEchoImage = aeronPingSubscription.imageAtIndex(0);
        aeronFromEcho = aeronPongSubscription.imageAtIndex(0);
        final ExclusivePublication publication = aeronEchoPublication;
        aeronEcho = new ImageFragmentAssembler((buffer, offset, length, header) ->
        {
            while (publication.offer(buffer, offset, length) < 0)
            {
                Thread.onSpinWait();
            }
        });
        aeronOnEcho = new ImageFragmentAssembler((buffer, offset, length, header) -> echoed = buffer.getLong(offset));
    }

    /** Closes what the trial opened. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (null != ringline)
        {
            ringline.removeChannel(ping);
            ringline.removeChannel(pong);
            ringline.close();
        }
        CloseHelper.closeAll(aeronToEcho, aeronEchoPublication, aeronPingSubscription, aeronPongSubscription, aeron,
            driver);
    }

    /**
     * One round trip's code in one thread.
     *
     * @return the echoed sequence.
     */
    @Benchmark
    public long roundTrip()
    {
        final long sequence = echoed + 1;
        message.putLong(0, sequence);
        if (null != ringline)
        {
            while (toEcho.offer(message, 0, LENGTH) < 0)
            {
                Thread.onSpinWait();
            }
            echoSubscriber.poll(ringEcho, 1);
            fromEcho.poll(ringOnEcho, 1);
        }
        else
        {
            while (aeronToEcho.offer(message, 0, LENGTH) < 0)
            {
                Thread.onSpinWait();
            }
            aeronEchoImage.poll(aeronEcho, AeronIpc.FRAGMENT_COUNT_LIMIT);
            aeronFromEcho.poll(aeronOnEcho, AeronIpc.FRAGMENT_COUNT_LIMIT);
        }
        if (echoed != sequence)
        {
            throw new IllegalStateException("lost echo: expected=" + sequence + " echoed=" + echoed);
        }
        return echoed;
    }
}
