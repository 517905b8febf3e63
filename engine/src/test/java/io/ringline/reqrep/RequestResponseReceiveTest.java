package io.ringline.reqrep;

import io.ringline.Ringline;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Server#receive} and {@link Client#receive} wait the way the channel's {@code wait=} says: a server thread
 * sleeping on a futex (or spinning) answers every request of a client that also waits for its replies; with nothing
 * to read, each returns 0 after its timeout; a negative timeout is refused naming it.
 */
@Timeout(60)
class RequestResponseReceiveTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long WAIT_NS = TimeUnit.MILLISECONDS.toNanos(100);

    @ParameterizedTest
    @ValueSource(strings = { "spin", "futex" })
    void serverAndClientWaitTheChannelsWay(final String wait) throws Exception
    {
        final String channel = TestChannels.with(TestChannels.SHM.newChannel(), "capacity=64k&wait=" + wait);
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        try (Ringline ringline = Ringline.connect();
            Server server = ringline.addServer(channel);
            Client client = ringline.addClient(channel))
        {
            assertEquals(0, server.receive((id, buffer, offset, length, reply) -> fail("no request"), 16, WAIT_NS));
            final RequestResponseTest.Recorder recorder = new RequestResponseTest.Recorder();
            assertEquals(0, client.receive(recorder, 16, WAIT_NS));
            assertMessage("timeoutNs=-1", () -> server.receive((id, buffer, offset, length, reply) -> { }, 1, -1));
            assertMessage("timeoutNs=-1", () -> client.receive(recorder, 1, -1));

            final AtomicBoolean running = new AtomicBoolean(true);
            final Thread answerer = new Thread(() ->
            {
                final RequestHandler echo = (id, buffer, offset, length, reply) ->
                {
                    while (reply.reply(buffer, offset, length) < 0 && reply.isActive())
                    {
                        Thread.onSpinWait();
                    }
                };
                while (running.get())
                {
                    server.receive(echo, 16, WAIT_NS);
                }
            }, "server");
            answerer.start();
            for (int i = 0; i < 1_000; i++)
            {
                message.putInt(0, i);
                assertEquals(i + 1, client.offer(message, 0, 4, TIMEOUT_NS));
                while (client.pendingCount() > 0)
                {
                    client.receive(recorder, 16, WAIT_NS);
                }
                assertEquals((i + 1) + ":" + i + ":last", recorder.replies.get(i));
            }
            running.set(false);
            answerer.join();
            assertEquals(0, client.timeouts());
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(channel);
            }
        }
    }

    private static void assertMessage(final String expected, final org.junit.jupiter.api.function.Executable call)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call);
        assertTrue(ex.getMessage().contains(expected), "expected '" + expected + "' in: " + ex.getMessage());
    }
}
