package io.ringline.perf;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Any Ringline transport as a peer, through the public API only: the channel URIs come from templates in which {@code
 * {dir}} is the run's private directory, {@code {port}} a free loopback port, {@code {key}} a fresh System V key and
 * {@code {name}} a fresh name, {@code {host}} the address of the side that receives on the channel (the far side's for
 * the ping channel, the near side's for the others: {@link NetworkSetting}; a template with {@code {host}} runs its
 * pong or producer on the far side). Round trip: the harness subscribes to the pong channel and publishes on the ping
 * channel, the child the other way round; both sides wait in {@code receive}, i.e. sleep in the kernel between
 * messages, as a kernel transport is used. Throughput: a child publishes, the harness receives.
 */
public final class TransportPeer implements RoundTripPeer, ThroughputPeer
{
    /** How long a ping waits for its echo before checking the watchdog (and, on a lossy transport, resending). */
    private static final long RESEND_AFTER_NS = 200_000_000L;

    private final String name;
    private final String template;
    private final boolean throughput;

    /**
     * @param name       the peer's name, e.g. {@code ringline-fifo}.
     * @param template   the channel URI template; {@code {role}} becomes ping, pong or data.
     * @param throughput false for transports that may lose messages (a lost end marker would stall the run); their
     *                   round trips resend a ping whose echo does not come back within 200 ms.
     */
    public TransportPeer(final String name, final String template, final boolean throughput)
    {
        this.name = name;
        this.template = template;
        this.throughput = throughput;
    }

    @Override
    public String name()
    {
        return name;
    }

    /**
     * @return whether this peer also measures throughput.
     */
    public boolean measuresThroughput()
    {
        return throughput;
    }

    private boolean isNetwork()
    {
        return template.contains("{host}");
    }

    private String channel(final BenchSession session, final String role)
    {
        return template
            .replace("{dir}", session.directory().toString())
            .replace("{role}", role)
            .replace("{name}", role + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1))
            .replace("{key}", "0x" + Integer.toHexString(0x52500000 | ThreadLocalRandom.current().nextInt(0xFFFFF)))
            .replace("{host}", "ping".equals(role) ? session.network().farHost() : session.network().nearHost())
            .replace("{port}", Integer.toString(freePort()));
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException("no free port", ex);
        }
    }

    /**
     * Waits up to {@link #RESEND_AFTER_NS} for a message: in {@code receive}, as a kernel transport is used; a network
     * peer polls and yields instead ({@link AeronIpc#idle(boolean)}), as the other UDP peers of the run wait.
     */
    private int receive(final Subscriber subscriber, final MessageHandler handler)
    {
        if (!isNetwork())
        {
            return subscriber.receive(handler, 1, RESEND_AFTER_NS);
        }
        final long deadlineNs = System.nanoTime() + RESEND_AFTER_NS;
        int received;
        while ((received = subscriber.poll(handler, 1)) == 0 && System.nanoTime() - deadlineNs < 0)
        {
            AeronIpc.idle(true);
        }
        return received;
    }

    private static Publisher connected(final Publisher publisher, final Watchdog watchdog)
    {
        while (!publisher.isConnected())
        {
            if (null != watchdog)
            {
                watchdog.spin();
            }
            Thread.yield();
        }
        return publisher;
    }

    private static void offer(final Publisher publisher, final UnsafeBuffer message, final int size)
    {
        while (publisher.offer(message, 0, size) < 0)
        {
            Thread.yield();
        }
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final String ping = channel(session, "ping");
        final String pong = channel(session, "pong");
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final Watchdog watchdog = session.watchdog();
        final int size = config.size();

        try (Ringline ringline = Ringline.connect();
            Subscriber fromPong = ringline.addSubscriber(pong))
        {
            final List<String> pongArgs = List.of(ping, pong, Long.toString(recorder.iterations()));
            final ChildProcess child = isNetwork() ? session.startFarPong(this, pongArgs) :
                session.startPong(this, pongArgs);
            try (Publisher toPong = connected(ringline.addPublisher(ping), watchdog))
            {
                final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(size, 64)));
                final long[] echoed = new long[1];
                final MessageHandler onEcho = (buffer, offset, length, header) ->
                    echoed[0] = BenchMessage.sequence(buffer, offset);
                for (long sequence = 1; sequence <= recorder.iterations(); sequence++)
                {
                    final long startNs = System.nanoTime();
                    BenchMessage.sequence(message, 0, sequence);
                    offer(toPong, message, size);
                    while (echoed[0] != sequence)
                    {
                        if (receive(fromPong, onEcho) == 0)
                        {
                            watchdog.check();
                            if (!throughput) // a transport that may lose: the ping or its echo was lost, send again
                            {
                                offer(toPong, message, size);
                            }
                        }
                        else if (echoed[0] != sequence && throughput)
                        {
                            throw new IllegalStateException("wrong echo: expected=" + sequence + ", received=" +
                                echoed[0]);
                        }
                    }
                    recorder.record(sequence, System.nanoTime() - startNs);
                }
            }
            session.awaitSuccess(child);
            ringline.removeChannel(ping);
            ringline.removeChannel(pong);
        }
        return recorder;
    }

    @Override
    public void runPong(final List<String> args)
    {
        final long iterations = Long.parseLong(args.get(2));
        try (Ringline ringline = Ringline.connect();
            Subscriber fromPing = ringline.addSubscriber(args.get(0));
            Publisher toPing = connected(ringline.addPublisher(args.get(1)), null))
        {
            final long[] lastSequence = new long[1];
            final MessageHandler echo = (buffer, offset, length, header) ->
            {
                while (toPing.offer(buffer, offset, length) < 0)
                {
                    Thread.yield();
                }
                lastSequence[0] = Math.max(lastSequence[0], BenchMessage.sequence(buffer, offset));
            };
            final long deadlineNs = System.nanoTime() + 600_000_000_000L;
            while (lastSequence[0] < iterations && System.nanoTime() < deadlineNs)
            {
                receive(fromPing, echo);
            }
            // On a lossy transport the last echo may be lost and the ping resend: keep answering for a moment.
            final long lingerUntilNs = System.nanoTime() + (throughput ? 0 : 1_000_000_000L);
            while (System.nanoTime() < lingerUntilNs)
            {
                receive(fromPing, echo);
            }
        }
    }

    @Override
    public double runConsumer(final BenchSession session) throws Exception
    {
        if (!throughput)
        {
            throw new PeerSkippedException("transport may lose messages: no throughput run");
        }
        final BenchConfig config = session.config();
        final String channel = channel(session, "data");
        final Watchdog watchdog = session.watchdog();
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(channel))
        {
            final List<String> producerArgs = List.of(channel, Integer.toString(config.size()),
                Long.toString(config.warmupNs()), Long.toString(config.measureNs()));
            final ChildProcess producer = isNetwork() ? session.startFarProducer(this, producerArgs) :
                session.startProducer(this, producerArgs);
            final ThroughputCounter counter = new ThroughputCounter();
            final MessageHandler handler =
                (buffer, offset, length, header) -> counter.onSequence(BenchMessage.sequence(buffer, offset));
            while (!counter.isEnded())
            {
                if (subscriber.receive(handler, 256, 100_000_000L) == 0)
                {
                    watchdog.check(); // after a timed-out wait, not every 1024th: a dead producer fails the run now
                }
            }
            session.awaitSuccess(producer);
            ringline.removeChannel(channel);
            return counter.messagesPerSecond();
        }
    }

    @Override
    public void runProducer(final List<String> args)
    {
        final int size = Integer.parseInt(args.get(1));
        try (Ringline ringline = Ringline.connect();
            Publisher publisher = connected(ringline.addPublisher(args.get(0)), null))
        {
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(size, 64)));
            ProducerLoop.run(
                (sequence) ->
                {
                    BenchMessage.sequence(message, 0, sequence);
                    return publisher.offer(message, 0, size) >= 0;
                },
                Long.parseLong(args.get(2)),
                Long.parseLong(args.get(3)));
        }
    }
}
