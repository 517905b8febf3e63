package io.ringline.perf.jmh;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.reqrep.Client;
import io.ringline.reqrep.ReplyHandler;
import io.ringline.reqrep.RequestHandler;
import io.ringline.reqrep.Server;
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

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The code of a request/response round trip without the cross-core part, against the plain ring's: one thread
 * offers a 32-byte request with {@link Client#offer}, polls it with {@link Server#poll} whose handler answers through
 * the reply handle, and polls the reply with {@link Client#poll}, the calls {@code ReqRepRoundTripPeer} makes across
 * two processes; {@code ring} is {@link EchoPathBenchmark}'s ring round trip (exclusive publishers, as
 * {@code ringline-shm}), {@code ring-concurrent} the same with compare-and-set publishers (the request/response
 * layer's). The difference is the request/response layer's own instructions per round trip.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     org.openjdk.jmh.Main ReqRepEchoPathBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class ReqRepEchoPathBenchmark
{
    private static final int LENGTH = 32;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    /** Which round trip: the plain ring's or request/response's. */
    @Param({"ring", "ring-concurrent", "reqrep"})
    public String path;

    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private long echoed;

    private Ringline ringline;
    private String ping;
    private String pong;
    private Publisher toEcho;
    private Subscriber echoSubscriber;
    private Subscriber fromEcho;
    private MessageHandler ringEcho;
    private MessageHandler ringOnEcho;

    private Client client;
    private Server server;
    private RequestHandler answer;
    private ReplyHandler onReply;

    /** Opens the channels of the chosen path. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        ping = "shm:jmh-rr-ping-" + suffix + "?capacity=64k&wait=spin";
        pong = "shm:jmh-rr-pong-" + suffix + "?capacity=64k&wait=spin";
        ringline = Ringline.connect();
        if ("reqrep".equals(path))
        {
            server = ringline.addServer(ping);
            client = ringline.addClient(ping);
            answer = (id, buffer, offset, length, reply) ->
            {
                while (reply.reply(buffer, offset, length) < 0 && reply.isActive())
                {
                    Thread.onSpinWait();
                }
            };
            onReply = new ReplyHandler()
            {
                @Override
                public void onReply(
                    final long correlationId, final DirectBuffer buffer, final int offset, final int length,
                    final boolean last)
                {
                    echoed = buffer.getLong(offset);
                }

                @Override
                public void onTimeout(final long correlationId)
                {
                    throw new IllegalStateException("request timed out, id=" + correlationId);
                }
            };
            return;
        }
        final boolean exclusive = "ring".equals(path);
        fromEcho = ringline.addSubscriber(pong);
        echoSubscriber = ringline.addSubscriber(ping);
        toEcho = exclusive ? ringline.addExclusivePublisher(ping) : ringline.addPublisher(ping);
        final Publisher echoPublisher = exclusive ? ringline.addExclusivePublisher(pong) : ringline.addPublisher(pong);
        ringEcho = (buffer, offset, length, header) ->
        {
            while (echoPublisher.offer(buffer, offset, length) < 0)
            {
                Thread.onSpinWait();
            }
        };
        ringOnEcho = (buffer, offset, length, header) -> echoed = buffer.getLong(offset);
    }

    /** Closes what the trial opened. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (null != client)
        {
            client.close();
            server.close();
        }
        ringline.removeChannel(ping);
        ringline.removeChannel(pong);
        ringline.close();
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
        if (null != client)
        {
            while (client.offer(message, 0, LENGTH, TIMEOUT_NS) < 0)
            {
                Thread.onSpinWait();
            }
            server.poll(answer, 1);
            client.poll(onReply, 1);
        }
        else
        {
            while (toEcho.offer(message, 0, LENGTH) < 0)
            {
                Thread.onSpinWait();
            }
            echoSubscriber.poll(ringEcho, 1);
            fromEcho.poll(ringOnEcho, 1);
        }
        if (echoed != sequence)
        {
            throw new IllegalStateException("lost echo: expected=" + sequence + " echoed=" + echoed);
        }
        return echoed;
    }

    /**
     * An empty poll of each side, as a busy-spinning peer makes while it waits: the request/response client's and
     * server's against the plain ring subscriber's.
     *
     * @return what the polls read (0).
     */
    @Benchmark
    public int emptyPolls()
    {
        if (null != client)
        {
            return server.poll(answer, 1) + client.poll(onReply, 1);
        }
        return echoSubscriber.poll(ringEcho, 1) + fromEcho.poll(ringOnEcho, 1);
    }
}
