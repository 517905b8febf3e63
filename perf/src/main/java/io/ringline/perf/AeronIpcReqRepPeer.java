package io.ringline.perf;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.ImageFragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ringline.process.ChildProcess;
import io.ringline.reqrep.FrameDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Request/response over Aeron IPC, the pipeline {@link ReqRepRoundTripPeer} measures on the ring, built the way an
 * Aeron user would: requests on stream {@link AeronIpc#PING_STREAM_ID}, replies on {@link AeronIpc#PONG_STREAM_ID},
 * a media driver in a third JVM, exclusive publications and busy-spinning image polls as in Aeron's samples
 * ({@link AeronIpc}). Each message carries the same 24-byte header as Ringline's frames ({@link FrameDescriptor}:
 * correlation id, client id, kind); the server copies the request into its reply buffer, marks it a reply and offers
 * it; the client checks the correlation id, client id and kind of every reply.
 */
public final class AeronIpcReqRepPeer implements RoundTripPeer
{
    /** Name in the report. */
    public static final String NAME = "aeron-ipc-reqrep";
    private static final long CLIENT_ID = 0x5245_5152_4550_0001L;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public RoundTripRecorder runPing(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final RoundTripRecorder recorder = new RoundTripRecorder(config);
        final Watchdog watchdog = session.watchdog();
        final Path aeronDir = AeronIpc.startDriver(session);

        try (Aeron aeron = AeronIpc.connect(aeronDir);
            ExclusivePublication requests = aeron.addExclusivePublication(AeronIpc.CHANNEL, AeronIpc.PING_STREAM_ID);
            Subscription replies = aeron.addSubscription(AeronIpc.CHANNEL, AeronIpc.PONG_STREAM_ID))
        {
            final ChildProcess server = session.startPong(
                this, List.of(aeronDir.toString(), Long.toString(recorder.iterations())));
            watchdog.await("the server to subscribe", requests::isConnected);
            final Image image = AeronIpc.awaitImage(replies, watchdog);

            final int length = FrameDescriptor.HEADER_LENGTH + config.size();
            final UnsafeBuffer request = AeronIpc.messageBuffer(length);
            final ReplyMatcher matcher = new ReplyMatcher();
            final ImageFragmentAssembler onReply = new ImageFragmentAssembler(matcher);
            final long iterations = recorder.iterations();
            for (long id = 1; id <= iterations; id++)
            {
                final long startNs = System.nanoTime();
                request.putLong(FrameDescriptor.CORRELATION_ID_OFFSET, id, ByteOrder.LITTLE_ENDIAN);
                request.putLong(FrameDescriptor.CLIENT_ID_OFFSET, CLIENT_ID, ByteOrder.LITTLE_ENDIAN);
                request.putInt(FrameDescriptor.KIND_OFFSET, FrameDescriptor.REQUEST, ByteOrder.LITTLE_ENDIAN);
                BenchMessage.sequence(request, FrameDescriptor.HEADER_LENGTH, id);
                while (!AeronIpc.offer(requests, request, 0, length))
                {
                    watchdog.spin();
                }
                while (matcher.lastId != id)
                {
                    if (image.poll(onReply, AeronIpc.FRAGMENT_COUNT_LIMIT) == 0)
                    {
                        watchdog.spin();
                    }
                }
                recorder.record(id, System.nanoTime() - startNs);
            }
            session.awaitSuccess(server);
        }
        return recorder;
    }

    /**
     * {@inheritDoc}
     *
     * @param args the Aeron directory and the number of requests.
     */
    @Override
    public void runPong(final List<String> args)
    {
        AeronIpc.pong(Path.of(args.get(0)), Long.parseLong(args.get(1)), Answer::new);
    }

    /** Checks each reply against the request it answers. */
    private static final class ReplyMatcher implements FragmentHandler
    {
        private long lastId;

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final long id = buffer.getLong(offset + FrameDescriptor.CORRELATION_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (id != lastId + 1 ||
                buffer.getLong(offset + FrameDescriptor.CLIENT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) != CLIENT_ID ||
                buffer.getInt(offset + FrameDescriptor.KIND_OFFSET, ByteOrder.LITTLE_ENDIAN) != FrameDescriptor.REPLY ||
                BenchMessage.sequence(buffer, offset + FrameDescriptor.HEADER_LENGTH) != id)
            {
                throw new IllegalStateException("wrong reply: expected id=" + (lastId + 1) + ", received id=" + id);
            }
            lastId = id;
        }
    }

    /** Answers each request with its payload, as a reply frame. */
    private static final class Answer implements AeronIpc.Answerer
    {
        private final ExclusivePublication replies;
        private final UnsafeBuffer reply = AeronIpc.messageBuffer(64);
        private UnsafeBuffer large;
        private long answered;

        Answer(final ExclusivePublication replies)
        {
            this.replies = replies;
        }

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            UnsafeBuffer out = reply;
            if (length > out.capacity())
            {
                if (null == large || large.capacity() < length)
                {
                    large = AeronIpc.messageBuffer(length); // once per size: the run's messages are one size
                }
                out = large;
            }
            out.putBytes(0, buffer, offset, length);
            out.putInt(FrameDescriptor.KIND_OFFSET, FrameDescriptor.REPLY, ByteOrder.LITTLE_ENDIAN);
            while (!AeronIpc.offer(replies, out, 0, length))
            {
                Thread.onSpinWait();
            }
            answered++;
        }

        @Override
        public long answered()
        {
            return answered;
        }
    }
}
