package io.ringline.reqrep;

import io.ringline.Ringline;
import io.ringline.test.AllocationWindows;
import io.ringline.test.TestChannels;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Request/response's hot path allocates nothing: client offer and tryClaim, server poll with an immediate reply and a
 * stream of replies, client poll with its deadline checks; measured as the ring's {@code ZeroAllocationTest} does
 * (bytes this thread allocates; one window of three must be 0), with a stale handle's send refused on every request.
 * A client's first request is not measured: the server opens that client's session then.
 */
@Timeout(120)
class RequestResponseZeroAllocationTest
{
    private static final int ROUND_TRIPS = 50_000;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private final RequestClaim claim = new RequestClaim();
    private final CountingReplies replies = new CountingReplies();
    private ReplyHandle answered;
    private long answeredGeneration;
    private long staleRefused;
    private final RequestHandler server = (id, buffer, offset, length, reply) ->
    {
        if (null != answered && answered.reply(answeredGeneration, buffer, offset, length) == ReplyHandle.STALE)
        {
            staleRefused++; // the handle of the request before, kept past its answer: refused
        }
        answered = reply;
        answeredGeneration = reply.generation();
        if ((id & 1) == 0)
        {
            reply.reply(buffer, offset, length);
        }
        else
        {
            reply.replyPart(buffer, offset, length);
            reply.end();
        }
    };

    @Test
    void offerClaimPollAndReplyAllocateNothing()
    {
        final String channel = TestChannels.with(TestChannels.SHM.newChannel(), "capacity=1m");
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Server server = ringline.addServer(channel);
            Client client = ringline.addClient(channel))
        {
            exchange(client, server, ROUND_TRIPS);
            exchange(client, server, ROUND_TRIPS);
            final long[] windows = AllocationWindows.measure(() -> exchange(client, server, ROUND_TRIPS));
            assertEquals(0, windows[windows.length - 1], "bytes allocated across " + ROUND_TRIPS +
                " round trips, in each of " + windows.length + " windows: " + Arrays.toString(windows));
            assertEquals(0, client.pendingCount());
            assertEquals(0, client.lateReplies() + client.timeouts() + client.malformedFrames());
            assertEquals(staleRefused, server.staleReplies());
            assertTrue(staleRefused >= 2L * ROUND_TRIPS, "staleRefused=" + staleRefused);
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(channel);
            }
        }
    }

    private void exchange(final Client client, final Server server, final int roundTrips)
    {
        final long expected = replies.last + roundTrips;
        for (int i = 0; i < roundTrips; i++)
        {
            message.putInt(0, i);
            final long id = (i & 2) == 0 ?
                client.offer(message, 0, 16, TIMEOUT_NS) : client.tryClaim(16, TIMEOUT_NS, claim);
            if (id <= 0)
            {
                throw new IllegalStateException("id=" + id);
            }
            if ((i & 2) != 0)
            {
                claim.buffer().putInt(claim.offset(), i);
                claim.commit();
            }
            while (server.poll(this.server, 16) == 0)
            {
                Thread.onSpinWait();
            }
            while (client.poll(replies, 16) == 0)
            {
                Thread.onSpinWait();
            }
            while (client.pendingCount() > 0)
            {
                client.poll(replies, 16);
            }
        }
        if (replies.last != expected)
        {
            throw new IllegalStateException("last=" + replies.last + " expected=" + expected);
        }
    }

    /** Counts last replies. */
    static final class CountingReplies implements ReplyHandler
    {
        long last;

        @Override
        public void onReply(
            final long correlationId, final DirectBuffer buffer, final int offset, final int length, final boolean last)
        {
            if (last)
            {
                this.last++;
            }
        }

        @Override
        public void onTimeout(final long correlationId)
        {
            throw new IllegalStateException("timeout id=" + correlationId);
        }
    }
}
