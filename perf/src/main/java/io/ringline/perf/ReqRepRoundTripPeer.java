package io.ringline.perf;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.process.ChildProcess;
import io.ringline.reqrep.Client;
import io.ringline.reqrep.FrameDescriptor;
import io.ringline.reqrep.ReplyHandler;
import io.ringline.reqrep.RequestHandler;
import io.ringline.reqrep.Server;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ringline's request/response on the ring as a round-trip peer: the harness is a {@link Client} on {@code shm:req},
 * the child a {@link Server} answering each request with its payload through the reply handle, on the client's own
 * reply channel. The same round trip as {@link RinglinePeer}'s plain ping-pong, plus correlation: the 24-byte frame
 * header each way, the pending-request slot, the reply handle from its pool. With no wait mode both sides busy-spin
 * on {@code poll}; with {@code futex} both sleep in {@code receive}, woken by the other's publish.
 */
public final class ReqRepRoundTripPeer implements RoundTripPeer
{
    private static final long REQUEST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long RECEIVE_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String waitMode;

    /**
     * @param waitMode null to busy-spin, else the {@code wait=} of both sides (e.g. {@code futex}).
     */
    public ReqRepRoundTripPeer(final String waitMode)
    {
        this.waitMode = waitMode;
    }

    @Override
    public String name()
    {
        return null == waitMode ? "ringline-reqrep" : "ringline-reqrep-" + waitMode;
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final String shmDir = session.directory().toString();
        final int size = config.size();
        final String channel =
            RinglinePeer.channel("req", config.ringCapacity(), size + FrameDescriptor.HEADER_LENGTH, waitMode);
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final Watchdog watchdog = session.watchdog();

        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(shmDir)))
        {
            final ChildProcess server = session.startPong(this, List.of(
                shmDir, channel, Long.toString(recorder.iterations())));
            try (Client client = ringline.addClient(channel))
            {
                watchdog.await("the server to subscribe", client::isConnected);
                final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(size, 64)));
                final Replies replies = new Replies();
                final long iterations = recorder.iterations();
                for (long sequence = 1; sequence <= iterations; sequence++)
                {
                    final long startNs = System.nanoTime();
                    BenchMessage.sequence(message, 0, sequence);
                    long id;
                    while ((id = client.offer(message, 0, size, REQUEST_TIMEOUT_NS)) < 0)
                    {
                        if (id == Publisher.CLOSED)
                        {
                            throw new IllegalStateException("request channel closed, sequence=" + sequence);
                        }
                        watchdog.spin();
                    }
                    while (client.pendingCount() > 0)
                    {
                        if ((null == waitMode ? client.poll(replies, 1) :
                            client.receive(replies, 1, RECEIVE_WAIT_NS)) == 0)
                        {
                            watchdog.spin();
                        }
                    }
                    recorder.record(sequence, System.nanoTime() - startNs);
                    if (replies.id != id || replies.sequence != sequence)
                    {
                        throw new IllegalStateException("wrong reply: expected id=" + id + " sequence=" + sequence +
                            ", received id=" + replies.id + " sequence=" + replies.sequence);
                    }
                }
            }
            session.awaitSuccess(server);
            ringline.removeChannel(channel);
        }
        return recorder;
    }

    /**
     * {@inheritDoc}
     *
     * @param args the shm directory, the request channel and the number of requests.
     */
    @Override
    public void runPong(final List<String> args)
    {
        final long iterations = Long.parseLong(args.get(2));
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(args.get(0)));
            Server server = ringline.addServer(args.get(1)))
        {
            final long[] answered = new long[1];
            final RequestHandler echo = (id, buffer, offset, length, reply) ->
            {
                while (reply.reply(buffer, offset, length) < 0 && reply.isActive())
                {
                    Thread.onSpinWait();
                }
                answered[0]++;
            };
            while (answered[0] < iterations)
            {
                if ((null == waitMode ? server.poll(echo, 1) : server.receive(echo, 1, RECEIVE_WAIT_NS)) == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /** Keeps the last reply's id and the sequence in its payload. */
    private static final class Replies implements ReplyHandler
    {
        private long id;
        private long sequence;

        @Override
        public void onReply(
            final long correlationId, final DirectBuffer buffer, final int offset, final int length, final boolean last)
        {
            id = correlationId;
            sequence = BenchMessage.sequence(buffer, offset);
        }

        @Override
        public void onTimeout(final long correlationId)
        {
            throw new IllegalStateException("request timed out, id=" + correlationId);
        }
    }
}
