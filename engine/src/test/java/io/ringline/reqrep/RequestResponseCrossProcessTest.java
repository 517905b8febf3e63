package io.ringline.reqrep;

import io.ringline.Ringline;
import io.ringline.process.ChildProcess;
import io.ringline.test.TestChannels;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Request/response across processes ({@link ReqRepChild}): four client processes load one server process, every
 * reply matched to its request and client and the ignored requests timing out on purpose; a client killed
 * mid-stream has its replies discarded and its reply channel removed; a server killed and restarted is seen
 * disconnected, then connected, by a client.
 */
@Timeout(180)
class RequestResponseCrossProcessTest
{
    /** Requests per client process; four clients. */
    private static final long REQUESTS_PER_CLIENT = Long.getLong("ringline.test.reqrep.requests", 250_000);
    private static final Pattern DONE = Pattern.compile(
        "DONE client=(\\d+) matched=(\\d+) timeouts=(\\d+) expectedTimeouts=(\\d+) mismatched=(\\d+) late=(\\d+)" +
        " ms=(\\d+)");

    private final String name = TestChannels.SHM.newChannel();
    private final String channel = TestChannels.with(name, "capacity=256k");
    private final List<ChildProcess> children = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException
    {
        children.forEach(ChildProcess::close);
        try (Ringline cleaner = Ringline.connect())
        {
            cleaner.removeChannel(channel);
        }
        assertEquals(List.of(), leftOver(), "reply channels left behind");
    }

    private List<Path> leftOver() throws IOException
    {
        final String prefix = "ringline-" + name.substring("shm:".length()) + ReplyChannels.CLIENT_INFIX;
        try (Stream<Path> files = Files.list(Path.of("/dev/shm")))
        {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private ChildProcess start(final String... args)
    {
        final ChildProcess child = ChildProcess.startJvm(ReqRepChild.class, args);
        children.add(child);
        return child;
    }

    @Test
    void fourClientProcessesOneServerEveryReplyMatched() throws Exception
    {
        start("server", channel).awaitLine("READY", 30_000);
        final List<ChildProcess> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            clients.add(start("load", channel, Integer.toString(i), Long.toString(REQUESTS_PER_CLIENT)));
        }
        long matched = 0;
        long timeouts = 0;
        for (int i = 0; i < 4; i++)
        {
            final ChildProcess client = clients.get(i);
            assertEquals(0, client.awaitExitCode(150_000), client.output());
            final Matcher done = DONE.matcher(client.output());
            assertTrue(done.find(), client.output());
            assertEquals(i, Integer.parseInt(done.group(1)));
            final long expectedTimeouts = REQUESTS_PER_CLIENT / ReqRepChild.IGNORE_EVERY;
            assertEquals(REQUESTS_PER_CLIENT - expectedTimeouts, Long.parseLong(done.group(2)), done.group());
            assertEquals(expectedTimeouts, Long.parseLong(done.group(3)), done.group());
            assertEquals(expectedTimeouts, Long.parseLong(done.group(4)), done.group());
            assertEquals(0, Long.parseLong(done.group(5)), "mismatched: " + done.group());
            matched += Long.parseLong(done.group(2));
            timeouts += Long.parseLong(done.group(3));
        }
        assertEquals(4 * REQUESTS_PER_CLIENT, matched + timeouts);
    }

    @Test
    void aClientKilledMidStreamHasItsRepliesDiscardedAndItsChannelRemoved() throws Exception
    {
        final ChildProcess server = start("server", channel);
        server.awaitLine("READY", 30_000);
        final ChildProcess client = start("stream", channel);
        client.awaitLine("STREAMING", 30_000);
        final Matcher replyChannel = Pattern.compile("REPLY_CHANNEL (\\S+)").matcher(client.output());
        assertTrue(replyChannel.find(), client.output());
        assertEquals(1, leftOver().size(), "the client's reply channel: " + leftOver());

        client.kill();
        server.awaitLine("DISCARDED 1", 30_000);
        server.awaitLine("GONE 1", 30_000);
        assertEquals(List.of(), leftOver(), "the server removed the dead client's reply channel");
        assertTrue(server.isAlive());
    }

    @Test
    void aServerKilledAndRestartedIsSeenDisconnectedThenConnected() throws Exception
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().heartbeatIntervalMs(20)
            .livenessTimeoutMs(1_000).unblockTimeoutMs(2_000));
            Client client = ringline.addClient(channel))
        {
            final UnsafeBuffer request = new UnsafeBuffer(ByteBuffer.allocateDirect(ReqRepChild.REQUEST_LENGTH));
            final List<String> events = new ArrayList<>();
            final ReplyHandler handler = new ReplyHandler()
            {
                @Override
                public void onReply(
                    final long id, final DirectBuffer buffer, final int offset, final int length, final boolean last)
                {
                    events.add("reply " + id + " " + buffer.getLong(offset + 8));
                }

                @Override
                public void onTimeout(final long id)
                {
                    events.add("timeout " + id);
                }
            };
            assertFalse(client.isConnected());

            ChildProcess server = start("server", channel);
            server.awaitLine("READY", 30_000);
            assertTrue(client.isConnected());
            request.putLong(8, 100);
            assertEquals(1, client.offer(request, 0, ReqRepChild.REQUEST_LENGTH, TimeUnit.SECONDS.toNanos(20)));
            awaitEvents(client, handler, events, 1);
            assertEquals(List.of("reply 1 100"), events);

            request.putInt(0, ReqRepChild.IGNORE);
            assertEquals(2, client.offer(request, 0, ReqRepChild.REQUEST_LENGTH, TimeUnit.SECONDS.toNanos(2)));
            server.kill();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.isConnected())
            {
                assertTrue(System.nanoTime() < deadline, "still connected to a dead server");
                client.poll(handler, 16);
                Thread.sleep(5);
            }
            awaitEvents(client, handler, events, 2);
            assertEquals("timeout 2", events.get(1), "the request the dead server held timed out");

            server = start("server", channel);
            server.awaitLine("READY", 30_000);
            assertTrue(client.isConnected());
            request.putInt(0, ReqRepChild.ECHO);
            request.putLong(8, 300);
            assertEquals(3, client.offer(request, 0, ReqRepChild.REQUEST_LENGTH, TimeUnit.SECONDS.toNanos(20)));
            awaitEvents(client, handler, events, 3);
            assertEquals("reply 3 300", events.get(2), "the restarted server answers");
        }
    }

    private static void awaitEvents(
        final Client client, final ReplyHandler handler, final List<String> events, final int count)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (events.size() < count)
        {
            assertTrue(System.nanoTime() < deadline, "events=" + events);
            if (client.poll(handler, 16) == 0)
            {
                Thread.sleep(1);
            }
        }
    }
}
