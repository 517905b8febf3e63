package io.ringline.perf;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.ToIntBiFunction;

/**
 * Ringline's shared-memory ring as a peer: round trip over two {@code shm:} channels (one each way) and one-way
 * throughput over one. With no wait mode both sides busy-spin on {@code poll}; with a sleeping wait mode
 * ({@code futex}, {@code posixsem}, {@code sysvsem}) both sides sleep in {@code receive} between messages. The
 * channels live in the run's private directory (the context's {@code shmDir}), which is itself on /dev/shm, so they
 * are exactly what {@code shm:NAME} makes.
 */
public final class RinglinePeer implements RoundTripPeer, ThroughputPeer
{
    private final boolean exclusive;
    private final String waitMode;

    /**
     * @param exclusive true for {@code addExclusivePublisher} (single writer), false for {@code addPublisher}.
     * @param waitMode  null to busy-spin, else the {@code wait=} of both sides.
     */
    public RinglinePeer(final boolean exclusive, final String waitMode)
    {
        this.exclusive = exclusive;
        this.waitMode = waitMode;
    }

    @Override
    public String name()
    {
        return null != waitMode ? "ringline-" + waitMode : exclusive ? "ringline-shm" : "ringline-shm-concurrent";
    }

    /**
     * Busy-spinning peers poll once; sleeping peers sleep in {@code receive} without a timeout, as an application
     * would (a watchdog closes the harness's subscriber if the run overruns, which wakes it).
     */
    private int receive(final Subscriber subscriber, final MessageHandler handler)
    {
        return null == waitMode ? subscriber.poll(handler, 1) : subscriber.receive(handler, 1);
    }

    private static Ringline connect(final String shmDir)
    {
        return Ringline.connect(new Ringline.Context().shmDir(shmDir));
    }

    private Publisher publisher(final Ringline ringline, final String channel)
    {
        return exclusive ? ringline.addExclusivePublisher(channel) : ringline.addPublisher(channel);
    }

    private String channel(final String name, final int capacity, final int size)
    {
        return channel(name, capacity, size, waitMode);
    }

    /**
     * @param name     of the {@code shm:} channel.
     * @param capacity of the ring.
     * @param size     the largest payload it must take.
     * @param waitMode null to busy-spin, else the {@code wait=}.
     * @return the URI the Ringline peers use: max-msg the larger of size and min(capacity/8, 64 KiB).
     */
    static String channel(final String name, final int capacity, final int size, final String waitMode)
    {
        return "shm:" + name + "?capacity=" + capacity + "&max-msg=" + Math.max(size, Math.min(capacity / 8, 65536)) +
            (null == waitMode ? "" : "&wait=" + waitMode);
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final String shmDir = session.directory().toString();
        final int size = config.size();
        final String ping = channel("ping", config.ringCapacity(), size);
        final String pong = channel("pong", config.ringCapacity(), size);
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final Watchdog watchdog = session.watchdog();

        try (Ringline ringline = connect(shmDir);
            Subscriber fromPong = ringline.addSubscriber(pong);
            Publisher toPong = publisher(ringline, ping))
        {
            final ChildProcess child = session.startPong(this, List.of(
                shmDir, ping, pong, Integer.toString(size), Long.toString(recorder.iterations())));
            final Thread guard = closeOnTimeout(fromPong, config.timeoutMs());

            ping(toPong, fromPong, recorder, size, watchdog, this::receive);
            guard.interrupt();
            session.awaitSuccess(child);
            ringline.removeChannel(ping);
            ringline.removeChannel(pong);
        }
        return recorder;
    }

    /**
     * The harness's side of a round trip over rings: offers each ping, waits for its echo, records the time.
     *
     * @param toPong   the ping ring's publisher.
     * @param fromPong the pong ring's subscriber.
     * @param recorder of the run.
     * @param size     payload bytes.
     * @param watchdog of the run.
     * @param receive  takes at most one message from a subscriber, returning how many it took.
     */
    static void ping(
        final Publisher toPong,
        final Subscriber fromPong,
        final RoundTripRecorder recorder,
        final int size,
        final Watchdog watchdog,
        final ToIntBiFunction<Subscriber, MessageHandler> receive)
    {
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(size, 64)));
        final long[] echoed = new long[1];
        final MessageHandler onEcho = (buffer, offset, length, header) ->
            echoed[0] = BenchMessage.sequence(buffer, offset);
        final long iterations = recorder.iterations();
        for (long sequence = 1; sequence <= iterations; sequence++)
        {
            final long startNs = System.nanoTime();
            BenchMessage.sequence(message, 0, sequence);
            while (toPong.offer(message, 0, size) < 0)
            {
                watchdog.spin();
            }
            while (receive.applyAsInt(fromPong, onEcho) == 0)
            {
                watchdog.spin();
            }
            recorder.record(sequence, System.nanoTime() - startNs);
            if (echoed[0] != sequence)
            {
                throw new IllegalStateException("wrong echo: expected=" + sequence + ", received=" + echoed[0]);
            }
        }
    }

    private static Thread closeOnTimeout(final Subscriber subscriber, final long timeoutMs)
    {
        final Thread guard = new Thread(() ->
        {
            try
            {
                Thread.sleep(timeoutMs);
                subscriber.close();
            }
            catch (final InterruptedException ignore)
            {
                // the run finished in time
            }
        }, "ringline-peer-guard");
        guard.setDaemon(true);
        guard.start();
        return guard;
    }

    @Override
    public void runPong(final List<String> args)
    {
        final long iterations = Long.parseLong(args.get(4));
        try (Ringline ringline = connect(args.get(0));
            Subscriber fromPing = ringline.addSubscriber(args.get(1));
            Publisher toPing = publisher(ringline, args.get(2)))
        {
            final long[] echoed = new long[1];
            final MessageHandler echo = (buffer, offset, length, header) ->
            {
                while (toPing.offer(buffer, offset, length) < 0)
                {
                    Thread.onSpinWait();
                }
                echoed[0]++;
            };
            while (echoed[0] < iterations)
            {
                if (receive(fromPing, echo) == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
    }

    @Override
    public double runConsumer(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final String shmDir = session.directory().toString();
        final String channel = channel("data", config.ringCapacity(), config.size());
        final Watchdog watchdog = session.watchdog();

        try (Ringline ringline = connect(shmDir);
            Subscriber subscriber = ringline.addSubscriber(channel))
        {
            final ChildProcess producer = session.startProducer(this, List.of(shmDir, channel,
                Integer.toString(config.size()), Long.toString(config.warmupNs()), Long.toString(config.measureNs())));
            final double messagesPerSecond = consume(subscriber, watchdog, false);
            session.awaitSuccess(producer);
            ringline.removeChannel(channel);
            return messagesPerSecond;
        }
    }

    /**
     * The harness's side of a throughput run over a ring: busy-spins polling until the end marker.
     *
     * @param subscriber to the data ring.
     * @param watchdog   of the run.
     * @param yield      true to yield when a poll finds nothing (a network peer: {@link AeronIpc#idle(boolean)}).
     * @return data messages per second in the measured window.
     */
    static double consume(final Subscriber subscriber, final Watchdog watchdog, final boolean yield)
    {
        final ThroughputCounter counter = new ThroughputCounter();
        final MessageHandler handler =
            (buffer, offset, length, header) -> counter.onSequence(BenchMessage.sequence(buffer, offset));
        while (!counter.isEnded())
        {
            if (subscriber.poll(handler, 256) == 0)
            {
                AeronIpc.idle(yield);
                watchdog.spin();
            }
        }
        return counter.messagesPerSecond();
    }

    @Override
    public void runProducer(final List<String> args)
    {
        final int size = Integer.parseInt(args.get(2));
        try (Ringline ringline = connect(args.get(0));
            Publisher publisher = publisher(ringline, args.get(1)))
        {
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(size, 64)));
            ProducerLoop.run(
                (sequence) ->
                {
                    BenchMessage.sequence(message, 0, sequence);
                    return publisher.offer(message, 0, size) >= 0;
                },
                Long.parseLong(args.get(3)),
                Long.parseLong(args.get(4)));
        }
    }
}
