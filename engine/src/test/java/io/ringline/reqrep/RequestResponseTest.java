package io.ringline.reqrep;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.test.TestChannels;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Request/response in one process, on the ring: replies matched to their requests, streams, deadlines (driven by an
 * injected clock), answers from another thread (and from the polling thread at once, to the same client), several
 * clients, validation and clean-up.
 */
@Timeout(60)
class RequestResponseTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int GUARD_REQUESTS = 20_000;
    private static final int GUARD_PARTS = 3;
    private static final int GUARD_IN_FLIGHT = 64; // the replies in flight fit the reply ring: no back-pressure deadlock
    private static final int GUARD_HANDLES = 32;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final String channel = TestChannels.with(TestChannels.SHM.newChannel(), "capacity=64k");
    private final Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false).nanoClock(clock));
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(256));

    @AfterEach
    void close()
    {
        ringline.close();
        try (Ringline cleaner = Ringline.connect())
        {
            cleaner.removeChannel(channel);
        }
    }

    @Test
    void eachReplyGoesToTheClientThatAskedMatchedToItsRequest()
    {
        try (Server server = ringline.addServer(channel);
            Client a = ringline.addClient(channel);
            Client b = ringline.addClient(channel))
        {
            assertTrue(a.isConnected() && b.isConnected());
            assertNotEquals(a.clientId(), b.clientId());
            final RequestHandler echo = (id, buffer, offset, length, reply) ->
                assertTrue(reply.reply(buffer, offset, length) >= 0);
            final Recorder recordA = new Recorder();
            final Recorder recordB = new Recorder();
            for (int i = 0; i < 100; i++)
            {
                message.putInt(0, i);
                assertEquals(i + 1, a.offer(message, 0, 4, TIMEOUT_NS));
                message.putInt(0, 1000 + i);
                assertEquals(i + 1, b.offer(message, 0, 4, TIMEOUT_NS));
            }
            assertEquals(100, a.pendingCount());
            while (server.poll(echo, 16) > 0)
            {
                continue;
            }
            while (a.poll(recordA, 16) + b.poll(recordB, 16) > 0)
            {
                continue;
            }
            assertEquals(100, recordA.replies.size());
            assertEquals(100, recordB.replies.size());
            for (int i = 0; i < 100; i++)
            {
                assertEquals((i + 1) + ":" + i + ":last", recordA.replies.get(i));
                assertEquals((i + 1) + ":" + (1000 + i) + ":last", recordB.replies.get(i));
            }
            assertEquals(0, a.pendingCount());
            assertEquals(2, server.clientCount());
        }
    }

    @Test
    void aStreamOfRepliesEndsWithAnEndMarker()
    {
        try (Server server = ringline.addServer(channel);
            Client client = ringline.addClient(channel))
        {
            final long id = client.offer(message, 0, 0, TIMEOUT_NS);
            assertEquals(1, id);
            server.poll((correlationId, buffer, offset, length, reply) ->
            {
                for (int part = 0; part < 3; part++)
                {
                    message.putInt(0, part);
                    assertTrue(reply.replyPart(message, 0, 4) >= 0);
                }
                assertTrue(reply.end() >= 0);
                assertFalse(reply.isActive());
            }, 1);
            final Recorder recorder = new Recorder();
            client.poll(recorder, 16);
            assertEquals(List.of("1:0:more", "1:1:more", "1:2:more", "1:-:last"), recorder.replies);
            assertEquals(0, client.pendingCount());
        }
    }

    @Test
    void aReplyAfterTheDeadlineIsCountedAndDroppedAndTheTimeoutToldOnce()
    {
        try (Server server = ringline.addServer(channel);
            Client client = ringline.addClient(channel))
        {
            final List<ReplyHandle> kept = new ArrayList<>();
            clock.update(1_000);
            assertEquals(1, client.offer(message, 0, 4, 500));
            assertEquals(2, client.offer(message, 0, 4, 10_000));
            server.poll((id, buffer, offset, length, reply) -> kept.add(reply), 16);
            assertEquals(2, kept.size());

            final Recorder recorder = new Recorder();
            clock.update(1_499);
            client.poll(recorder, 16);
            assertEquals(List.of(), recorder.timeouts);
            clock.update(1_500);
            client.poll(recorder, 16);
            client.poll(recorder, 16);
            assertEquals(List.of(1L), recorder.timeouts, "told once");
            assertEquals(1, client.timeouts());

            message.putInt(0, 7);
            assertTrue(kept.get(0).reply(message, 0, 4) >= 0);
            assertTrue(kept.get(1).reply(message, 0, 4) >= 0);
            client.poll(recorder, 16);
            assertEquals(List.of("2:7:last"), recorder.replies);
            assertEquals(1, client.lateReplies());
            assertEquals(List.of(1L), recorder.timeouts);
        }
    }

    @Test
    void aHandleAnswersLaterFromAnotherThread() throws Exception
    {
        final BlockingQueue<ReplyHandle> handover = new ArrayBlockingQueue<>(16);
        try (Server server = ringline.addServer(channel, 4);
            Client client = ringline.addClient(channel))
        {
            final Thread answerer = new Thread(() ->
            {
                final UnsafeBuffer answer = new UnsafeBuffer(new byte[8]);
                try
                {
                    for (int i = 0; i < 10; i++)
                    {
                        final ReplyHandle reply = handover.take();
                        answer.putLong(0, reply.correlationId() * 10);
                        while (reply.reply(answer, 0, 8) < 0)
                        {
                            Thread.onSpinWait();
                        }
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
            answerer.start();
            final Recorder recorder = new Recorder();
            int sent = 0;
            while (recorder.replies.size() < 10)
            {
                if (sent < 10 && client.offer(message, 0, 4, TIMEOUT_NS) > 0)
                {
                    sent++;
                }
                server.poll((id, buffer, offset, length, reply) -> assertTrue(handover.offer(reply)), 16);
                assertTrue(server.freeReplyHandles() >= 0);
                client.poll(recorder, 16);
            }
            answerer.join();
            for (int i = 0; i < 10; i++)
            {
                assertEquals((i + 1) + ":" + (i + 1) * 10 + ":last", recorder.replies.get(i));
            }
            assertEquals(4, server.freeReplyHandles(), "every handle back in the pool");
        }
    }

    @Test
    void whenEveryHandleIsOutTheServerReadsNoMoreRequests()
    {
        try (Server server = ringline.addServer(channel, 2);
            Client client = ringline.addClient(channel))
        {
            final List<ReplyHandle> kept = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                assertTrue(client.offer(message, 0, 4, TIMEOUT_NS) > 0);
            }
            assertEquals(2, server.poll((id, buffer, offset, length, reply) -> kept.add(reply), 16));
            assertEquals(0, server.poll((id, buffer, offset, length, reply) -> kept.add(reply), 16));
            kept.get(0).discard();
            assertEquals(1, server.poll((id, buffer, offset, length, reply) -> kept.add(reply), 16));
            assertEquals(3, kept.get(2).correlationId());
        }
    }

    @Test
    void tooManyPendingIsAReturnCodeAndAClaimWritesInPlace()
    {
        try (Server server = ringline.addServer(channel);
            Client client = ringline.addClient(channel, 2))
        {
            final RequestClaim claim = new RequestClaim();
            assertEquals(1, client.tryClaim(4, TIMEOUT_NS, claim));
            claim.buffer().putInt(claim.offset(), 42);
            claim.commit();
            assertEquals(2, client.tryClaim(4, TIMEOUT_NS, claim));
            claim.abort();
            assertEquals(1, client.pendingCount());
            // id 3 would take the slot id 1 still holds: no id more than maxPending newer than a pending one
            assertEquals(Client.TOO_MANY_PENDING, client.offer(message, 0, 4, TIMEOUT_NS));
            final List<Integer> seen = new ArrayList<>();
            server.poll((id, buffer, offset, length, reply) ->
            {
                seen.add(buffer.getInt(offset));
                reply.reply(buffer, offset, length);
            }, 16);
            assertEquals(42, seen.get(0));
            client.poll(new Recorder(), 16);
            assertEquals(0, client.pendingCount());
            assertEquals(3, client.offer(message, 0, 4, TIMEOUT_NS));
            assertEquals(4, client.offer(message, 0, 4, TIMEOUT_NS));
            assertEquals(Client.TOO_MANY_PENDING, client.offer(message, 0, 4, TIMEOUT_NS));
        }
    }

    @Test
    void withoutAServerAClientIsNotConnectedAndOffersReturnNotConnected()
    {
        try (Client client = ringline.addClient(channel))
        {
            assertFalse(client.isConnected());
            assertEquals(Publisher.NOT_CONNECTED, client.offer(message, 0, 4, TIMEOUT_NS));
            assertEquals(0, client.pendingCount());
        }
    }

    @Test
    void closingAClientRemovesItsReplyChannel()
    {
        final Client client = ringline.addClient(channel);
        final Path file = Path.of("/dev/shm", "ringline-" +
            client.replyChannel().substring("shm:".length(), client.replyChannel().indexOf('?')));
        assertTrue(Files.exists(file), file.toString());
        client.close();
        assertFalse(Files.exists(file), file.toString());
        client.close();
    }

    @Test
    void aGoneClientsRepliesAreDiscardedAndItsSessionClosed()
    {
        try (Server server = ringline.addServer(channel))
        {
            final Client client = ringline.addClient(channel);
            final List<ReplyHandle> kept = new ArrayList<>();
            assertTrue(client.offer(message, 0, 4, TIMEOUT_NS) > 0);
            server.poll((id, buffer, offset, length, reply) -> kept.add(reply), 16);
            client.close();
            assertEquals(Publisher.NOT_CONNECTED, kept.get(0).reply(message, 0, 4));
            assertFalse(kept.get(0).isActive());
            assertEquals(1, server.discardedReplies());
            clock.update(clock.nanoTime() + TimeUnit.SECONDS.toNanos(1));
            for (int i = 0; i < Server.POLLS_PER_CLOCK_READ; i++) // the sweep's clock is read once in so many polls
            {
                server.poll((id, buffer, offset, length, reply) -> fail("no request"), 16);
            }
            assertEquals(1, server.clientsGone());
            assertEquals(0, server.clientCount());
        }
    }

    @Test
    void argumentsAreCheckedWithMessagesNamingThem()
    {
        try (Server server = ringline.addServer(channel);
            Client client = ringline.addClient(channel))
        {
            assertMessage("buffer is null", () -> client.offer(null, 0, 4, TIMEOUT_NS));
            assertMessage("length=-1", () -> client.offer(message, 0, -1, TIMEOUT_NS));
            assertMessage("offset=250 length=10", () -> client.offer(message, 250, 10, TIMEOUT_NS));
            assertMessage("timeoutNs=0", () -> client.offer(message, 0, 4, 0));
            assertMessage("length=" + (client.maxRequestLength() + 1),
                () -> client.tryClaim(client.maxRequestLength() + 1, TIMEOUT_NS, new RequestClaim()));
            assertMessage("request claim is null", () -> client.tryClaim(4, TIMEOUT_NS, null));
            assertMessage("handler is null", () -> client.poll(null, 1));
            assertMessage("messageLimit=0", () -> client.poll(new Recorder(), 0));
            assertMessage("handler is null", () -> server.poll(null, 1));
            assertMessage("messageLimit=0", () -> server.poll((id, buffer, offset, length, reply) -> { }, 0));
            assertMessage("maxPending=3", () -> ringline.addClient(channel, 3));
            assertMessage("replyHandles=0", () -> ringline.addServer(channel, 0));
            assertMessage("no per-client reply channels", () -> ringline.addServer("sysvshm:0x52490001"));

            final List<ReplyHandle> kept = new ArrayList<>();
            client.offer(message, 0, 4, TIMEOUT_NS);
            server.poll((id, buffer, offset, length, reply) -> kept.add(reply), 1);
            final ReplyHandle reply = kept.get(0);
            assertMessage("buffer is null", () -> reply.reply(null, 0, 4));
            assertMessage("offset=-1", () -> reply.replyPart(message, -1, 4));
            assertMessage("length=" + (reply.maxReplyLength() + 1),
                () -> reply.reply(new UnsafeBuffer(new byte[reply.maxReplyLength() + 1]), 0,
                reply.maxReplyLength() + 1));
            reply.discard();
            assertThrows(IllegalStateException.class, reply::end, "not active");
        }
        final Client closed = ringline.addClient(channel);
        closed.close();
        assertMessage("client is closed", () -> closed.offer(message, 0, 4, TIMEOUT_NS));
    }

    /**
     * The send guard between the polling thread and another answering the same client: the handler answers half the requests at once while another thread streams the
     * answers of the other half to the same client. A send made without the guard while the other thread was sending
     * would corrupt the one reply publisher: every reply must arrive whole and in order.
     */
    @Test
    void answersFromThePollingThreadAndAnotherToOneClientArriveWholeAndInOrder() throws Exception
    {
        final BlockingQueue<ReplyHandle> handover = new ArrayBlockingQueue<>(GUARD_HANDLES);
        final AtomicReference<Throwable> answererFailure = new AtomicReference<>();
        try (Server server = ringline.addServer(channel, GUARD_HANDLES);
            Client client = ringline.addClient(channel))
        {
            final Thread answerer = new Thread(() ->
            {
                final UnsafeBuffer part = new UnsafeBuffer(new byte[8]);
                try
                {
                    for (int answered = 0; answered < GUARD_REQUESTS / 2; answered++)
                    {
                        final ReplyHandle reply = handover.take();
                        for (int i = 0; i < GUARD_PARTS; i++)
                        {
                            part.putLong(0, reply.correlationId() * 10 + i);
                            while (reply.replyPart(part, 0, 8) < 0)
                            {
                                Thread.onSpinWait();
                            }
                        }
                        while (reply.end() < 0)
                        {
                            Thread.onSpinWait();
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    answererFailure.set(ex);
                }
            }, "answerer");
            answerer.setDaemon(true);
            answerer.start();

            final UnsafeBuffer single = new UnsafeBuffer(new byte[8]);
            final RequestHandler handler = (id, buffer, offset, length, reply) ->
            {
                if ((id & 1) == 0)
                {
                    assertTrue(handover.offer(reply));
                    return;
                }
                single.putLong(0, id * 10);
                while (reply.reply(single, 0, 8) < 0 && reply.isActive())
                {
                    Thread.onSpinWait();
                }
            };
            final GuardChecker checker = new GuardChecker();
            final UnsafeBuffer request = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
            long sent = 0;
            while (checker.finished < GUARD_REQUESTS)
            {
                if (sent < GUARD_REQUESTS && client.pendingCount() < GUARD_IN_FLIGHT &&
                    client.offer(request, 0, 8, TIMEOUT_NS) > 0)
                {
                    sent++;
                }
                server.poll(handler, 16);
                client.poll(checker, 16);
                assertNull(answererFailure.get());
                assertNull(checker.failure, checker.failure);
            }
            answerer.join(TimeUnit.SECONDS.toMillis(10));
            assertNull(answererFailure.get());
            assertEquals(0, client.malformedFrames());
            assertEquals(0, client.lateReplies());
            assertEquals(0, client.timeouts());
            assertEquals(GUARD_HANDLES, server.freeReplyHandles(), "every handle back in the pool");
        }
    }

    /** Checks each reply: odd ids one reply {@code id * 10}, even ids parts {@code id * 10 + i} then an empty end. */
    private static final class GuardChecker implements ReplyHandler
    {
        private final int[] nextPart = new int[GUARD_REQUESTS + 1];
        private int finished;
        private String failure;

        @Override
        public void onReply(
            final long correlationId, final DirectBuffer buffer, final int offset, final int length, final boolean last)
        {
            final int id = (int)correlationId;
            if ((id & 1) == 1)
            {
                expect(last && length == 8 && buffer.getLong(offset) == id * 10L, correlationId, length, last);
                finished++;
            }
            else if (nextPart[id] < GUARD_PARTS)
            {
                expect(!last && length == 8 && buffer.getLong(offset) == id * 10L + nextPart[id], correlationId,
                    length, last);
                nextPart[id]++;
            }
            else
            {
                expect(last && length == 0, correlationId, length, last);
                finished++;
            }
        }

        private void expect(final boolean ok, final long correlationId, final int length, final boolean last)
        {
            if (!ok && null == failure)
            {
                failure = "unexpected reply: id=" + correlationId + " length=" + length + " last=" + last;
            }
        }

        @Override
        public void onTimeout(final long correlationId)
        {
            failure = "timed out: id=" + correlationId;
        }
    }

    private static void assertMessage(final String expected, final org.junit.jupiter.api.function.Executable call)
    {
        final RuntimeException ex = assertThrows(RuntimeException.class, call);
        assertTrue(ex instanceof IllegalArgumentException || ex instanceof IllegalStateException ||
            ex instanceof RinglineException, ex.toString());
        assertTrue(ex.getMessage().contains(expected), "expected '" + expected + "' in: " + ex.getMessage());
    }

    /** Records replies as {@code id:int payload or -:last|more} and timeouts. */
    static final class Recorder implements ReplyHandler
    {
        final List<String> replies = new ArrayList<>();
        final List<Long> timeouts = new ArrayList<>();

        @Override
        public void onReply(
            final long correlationId, final DirectBuffer buffer, final int offset, final int length, final boolean last)
        {
            replies.add(correlationId + ":" + (length >= 4 ? Integer.toString(buffer.getInt(offset)) : "-") + ":" +
                (last ? "last" : "more"));
        }

        @Override
        public void onTimeout(final long correlationId)
        {
            timeouts.add(correlationId);
        }
    }
}
