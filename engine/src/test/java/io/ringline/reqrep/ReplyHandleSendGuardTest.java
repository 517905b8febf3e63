package io.ringline.reqrep;

import io.ringline.Ringline;
import io.ringline.test.TestChannels;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The send guard skipped by a handle answered on the polling thread while it is its client's only handle out
 * ({@link Server#sendsAlone}): the handler answers half the requests at once while another thread streams the
 * answers of the other half to the same client, so the polling thread's sends find that thread's handles out (and
 * take the guard) or not (and skip it), over and over. A send made without the guard while the other thread was
 * sending would corrupt the one reply publisher: every reply must arrive whole and in order.
 */
@Timeout(60)
class ReplyHandleSendGuardTest
{
    private static final int REQUESTS = 20_000;
    private static final int PARTS = 3;
    private static final int MAX_IN_FLIGHT = 64; // the replies in flight fit the reply ring: no back-pressure deadlock
    private static final int REPLY_HANDLES = 32;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final String channel = TestChannels.with(TestChannels.SHM.newChannel(), "capacity=64k");
    private final Ringline ringline = Ringline.connect();

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
    void answersFromThePollingThreadAndAnotherToOneClientArriveWholeAndInOrder() throws Exception
    {
        final BlockingQueue<ReplyHandle> handover = new ArrayBlockingQueue<>(REPLY_HANDLES);
        final AtomicReference<Throwable> answererFailure = new AtomicReference<>();
        try (Server server = ringline.addServer(channel, REPLY_HANDLES);
            Client client = ringline.addClient(channel))
        {
            final Thread answerer = new Thread(() ->
            {
                final UnsafeBuffer part = new UnsafeBuffer(new byte[8]);
                try
                {
                    for (int answered = 0; answered < REQUESTS / 2; answered++)
                    {
                        final ReplyHandle reply = handover.take();
                        for (int i = 0; i < PARTS; i++)
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
            final Checker checker = new Checker();
            final UnsafeBuffer request = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
            long sent = 0;
            while (checker.finished < REQUESTS)
            {
                if (sent < REQUESTS && client.pendingCount() < MAX_IN_FLIGHT &&
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
            assertEquals(REPLY_HANDLES, server.freeReplyHandles(), "every handle back in the pool");
        }
    }

    /** Checks each reply: odd ids one reply {@code id * 10}, even ids parts {@code id * 10 + i} then an empty end. */
    private static final class Checker implements ReplyHandler
    {
        private final int[] nextPart = new int[REQUESTS + 1];
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
            else if (nextPart[id] < PARTS)
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
}
