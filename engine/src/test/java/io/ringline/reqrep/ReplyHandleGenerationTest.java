package io.ringline.reqrep;

import io.ringline.Ringline;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A reply handle kept past its request (answered, discarded, its client gone) never answers the later request that
 * reuses it: a send with its old generation is refused with {@link ReplyHandle#STALE} and counted, from this thread or
 * from another one racing the handle's reuse.
 */
@Timeout(60)
class ReplyHandleGenerationTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int STALE_MARK = -1;

    private final String channel = TestChannels.with(TestChannels.SHM.newChannel(), "capacity=64k");
    private final Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));

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
    void aHandleKeptPastItsAnswerDoesNotAnswerTheRequestThatReusesIt()
    {
        try (Server server = ringline.addServer(channel, 1);
            Client client = ringline.addClient(channel))
        {
            final List<ReplyHandle> kept = new ArrayList<>();
            final RequestHandler keep = (id, buffer, offset, length, reply) -> kept.add(reply);
            client.offer(message, 0, 4, TIMEOUT_NS);
            server.poll(keep, 1);
            final ReplyHandle first = kept.get(0);
            final long firstGeneration = first.generation();
            message.putInt(0, 1);
            assertTrue(first.reply(firstGeneration, message, 0, 4) >= 0);
            assertEquals(ReplyHandle.STALE, first.reply(firstGeneration, message, 0, 4), "answered: stale");

            client.offer(message, 0, 4, TIMEOUT_NS);
            server.poll(keep, 1);
            assertSame(first, kept.get(1), "one handle in the pool: reused");
            final long secondGeneration = kept.get(1).generation();
            assertNotEquals(firstGeneration, secondGeneration);
            message.putInt(0, STALE_MARK);
            assertEquals(ReplyHandle.STALE, first.reply(firstGeneration, message, 0, 4));
            assertEquals(ReplyHandle.STALE, first.replyPart(firstGeneration, message, 0, 4));
            assertEquals(ReplyHandle.STALE, first.end(firstGeneration, message, 0, 4));
            assertEquals(ReplyHandle.STALE, first.end(firstGeneration));
            assertFalse(first.discard(firstGeneration));
            assertTrue(first.isActive(), "the reused handle still answers its own request");
            assertEquals(6, server.staleReplies());

            message.putInt(0, 2);
            assertTrue(kept.get(1).end(secondGeneration, message, 0, 4) >= 0);
            final RequestResponseTest.Recorder recorder = new RequestResponseTest.Recorder();
            client.poll(recorder, 16);
            assertEquals(List.of("1:1:last", "2:2:last"), recorder.replies, "no stale reply reached the client");

            client.offer(message, 0, 4, TIMEOUT_NS);
            server.poll(keep, 1);
            final long thirdGeneration = kept.get(2).generation();
            assertTrue(kept.get(2).discard(thirdGeneration));
            assertFalse(kept.get(2).discard(thirdGeneration), "discarded: stale");
            assertEquals(7, server.staleReplies());
            assertEquals(1, server.freeReplyHandles());
        }
    }

    @Test
    void aStaleHandleOnAnotherThreadNeverAnswersWhileTheHandleIsReused() throws Exception
    {
        final int requests = 2_000;
        try (Server server = ringline.addServer(channel, 1);
            Client client = ringline.addClient(channel))
        {
            final ReplyHandle[] current = new ReplyHandle[1];
            final long[] currentGeneration = new long[1];
            final RequestHandler keep = (id, buffer, offset, length, reply) ->
            {
                current[0] = reply;
                currentGeneration[0] = reply.generation();
            };
            client.offer(message, 0, 4, TIMEOUT_NS);
            server.poll(keep, 1);
            final ReplyHandle handle = current[0];
            final long staleGeneration = currentGeneration[0];
            message.putInt(0, 99);
            assertTrue(handle.reply(staleGeneration, message, 0, 4) >= 0);

            final AtomicBoolean running = new AtomicBoolean(true);
            final AtomicLong staleRefused = new AtomicLong();
            final AtomicLong staleSent = new AtomicLong();
            final Thread staleHolder = new Thread(() ->
            {
                final UnsafeBuffer stale = new UnsafeBuffer(new byte[4]);
                stale.putInt(0, STALE_MARK);
                while (running.get())
                {
                    final long result = handle.reply(staleGeneration, stale, 0, 4);
                    (result == ReplyHandle.STALE ? staleRefused : staleSent).incrementAndGet();
                }
            }, "stale-holder");
            staleHolder.start();
            while (staleRefused.get() + staleSent.get() == 0)
            {
                Thread.onSpinWait(); // the holder is trying before the handle is reused (JDK 25 once started it late)
            }

            final RequestResponseTest.Recorder recorder = new RequestResponseTest.Recorder();
            final UnsafeBuffer answer = new UnsafeBuffer(new byte[4]);
            for (int i = 0; i < requests; i++)
            {
                while (client.offer(message, 0, 4, TIMEOUT_NS) < 0)
                {
                    client.poll(recorder, 16);
                }
                while (server.poll(keep, 1) == 0)
                {
                    Thread.onSpinWait();
                }
                answer.putInt(0, i);
                while (current[0].reply(currentGeneration[0], answer, 0, 4) < 0)
                {
                    Thread.onSpinWait(); // ADMIN_ACTION when the stale holder is in the send guard: never, it is refused first
                }
                client.poll(recorder, 16);
            }
            running.set(false);
            staleHolder.join();
            while (client.pendingCount() > 0)
            {
                client.poll(recorder, 16);
            }

            assertEquals(0, staleSent.get(), "a stale send went through");
            assertTrue(staleRefused.get() > 0);
            assertEquals(staleRefused.get(), server.staleReplies());
            assertEquals(requests + 1, recorder.replies.size());
            assertEquals("1:99:last", recorder.replies.get(0));
            for (int i = 0; i < requests; i++)
            {
                assertEquals((i + 2) + ":" + i + ":last", recorder.replies.get(i + 1));
            }
        }
    }
}
