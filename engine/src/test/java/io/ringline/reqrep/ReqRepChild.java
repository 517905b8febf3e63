package io.ringline.reqrep;

import io.ringline.Publisher;
import io.ringline.Ringline;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes of {@link RequestResponseCrossProcessTest}: a server, and clients that load it or hold a stream.
 *
 * <p>A request is {@code int op, int clientIndex, long sequence}. The server echoes {@link #ECHO} requests, never
 * answers {@link #IGNORE} ones (their deadline passes on purpose), and answers a {@link #STREAM} request with
 * replies until the client is gone.
 */
public final class ReqRepChild
{
    static final int ECHO = 0;
    static final int IGNORE = 1;
    static final int STREAM = 2;
    static final int REQUEST_LENGTH = 16;
    /** Every this many requests of a loading client, one is ignored by the server and must time out. */
    static final int IGNORE_EVERY = 10_000;
    private static final long IGNORED_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);
    private static final int WINDOW = 256;

    private ReqRepChild()
    {
    }

    /**
     * @param args {@code server CHANNEL}, {@code load CHANNEL CLIENT_INDEX COUNT} or {@code stream CHANNEL}.
     */
    public static void main(final String[] args)
    {
        switch (args[0])
        {
            case "server":
                server(args[1]);
                break;
            case "load":
                load(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]));
                break;
            case "stream":
                stream(args[1]);
                break;
            default:
                throw new IllegalArgumentException("mode=" + args[0]);
        }
    }

    private static void server(final String channel)
    {
        try (Ringline ringline = Ringline.connect();
            Server server = ringline.addServer(channel))
        {
            final List<ReplyHandle> streams = new ArrayList<>();
            final UnsafeBuffer part = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final RequestHandler handler = (id, buffer, offset, length, reply) ->
            {
                switch (buffer.getInt(offset))
                {
                    case ECHO:
                        while (reply.reply(buffer, offset, length) == Publisher.ADMIN_ACTION ||
                            reply.isActive())
                        {
                            Thread.yield(); // back-pressured: the client polls its replies soon
                        }
                        break;
                    case IGNORE:
                        reply.discard();
                        break;
                    default:
                        streams.add(reply);
                }
            };
            System.out.println("READY");
            long discardedSeen = 0;
            long goneSeen = 0;
            while (true)
            {
                int work = server.poll(handler, 64);
                for (int i = streams.size() - 1; i >= 0; i--)
                {
                    final ReplyHandle reply = streams.get(i);
                    part.putLong(0, reply.correlationId());
                    final long result = reply.replyPart(part, 0, 8);
                    if (result >= 0)
                    {
                        work++;
                    }
                    else if (!reply.isActive())
                    {
                        streams.remove(i);
                    }
                }
                if (server.discardedReplies() != discardedSeen)
                {
                    discardedSeen = server.discardedReplies();
                    System.out.println("DISCARDED " + discardedSeen);
                }
                if (server.clientsGone() != goneSeen)
                {
                    goneSeen = server.clientsGone();
                    System.out.println("GONE " + goneSeen);
                }
                if (work == 0)
                {
                    Thread.yield();
                }
            }
        }
    }

    private static void load(final String channel, final int clientIndex, final long count)
    {
        try (Ringline ringline = Ringline.connect();
            Client client = ringline.addClient(channel, 1024))
        {
            final UnsafeBuffer request = new UnsafeBuffer(ByteBuffer.allocateDirect(REQUEST_LENGTH));
            final long[] expectedTimeouts = {0};
            final long[] matched = {0};
            final long[] mismatched = {0};
            final long[] timeouts = {0};
            final ReplyHandler handler = new ReplyHandler()
            {
                @Override
                public void onReply(
                    final long id, final DirectBuffer buffer, final int offset, final int length, final boolean last)
                {
                    // id n is sequence n - 1; the reply echoes the request, so names the client and the sequence
                    if (last && length == REQUEST_LENGTH && buffer.getInt(offset) == ECHO &&
                        buffer.getInt(offset + 4) == clientIndex && buffer.getLong(offset + 8) == id - 1)
                    {
                        matched[0]++;
                    }
                    else
                    {
                        mismatched[0]++;
                    }
                }

                @Override
                public void onTimeout(final long id)
                {
                    if ((id - 1) % IGNORE_EVERY == IGNORE_EVERY - 1)
                    {
                        timeouts[0]++;
                    }
                    else
                    {
                        mismatched[0]++;
                    }
                }
            };
            awaitConnected(client);
            System.out.println("CONNECTED");
            long sequence = 0;
            final long startNs = System.nanoTime();
            while (sequence < count || client.pendingCount() > 0)
            {
                int work = 0;
                while (sequence < count && client.pendingCount() < WINDOW)
                {
                    final boolean ignored = sequence % IGNORE_EVERY == IGNORE_EVERY - 1;
                    request.putInt(0, ignored ? IGNORE : ECHO);
                    request.putInt(4, clientIndex);
                    request.putLong(8, sequence);
                    final long id = client.offer(request, 0, REQUEST_LENGTH, ignored ? IGNORED_TIMEOUT_NS : TIMEOUT_NS);
                    if (id < 0)
                    {
                        break;
                    }
                    if (id != sequence + 1)
                    {
                        throw new IllegalStateException("id=" + id + " sequence=" + sequence);
                    }
                    expectedTimeouts[0] += ignored ? 1 : 0;
                    sequence++;
                    work++;
                }
                work += client.poll(handler, 256);
                if (work == 0)
                {
                    Thread.yield();
                }
            }
            System.out.println("DONE client=" + clientIndex + " matched=" + matched[0] + " timeouts=" + timeouts[0] +
                " expectedTimeouts=" + expectedTimeouts[0] + " mismatched=" + mismatched[0] + " late=" +
                client.lateReplies() + " ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        }
    }

    private static void stream(final String channel)
    {
        try (Ringline ringline = Ringline.connect();
            Client client = ringline.addClient(channel))
        {
            awaitConnected(client);
            System.out.println("REPLY_CHANNEL " + client.replyChannel());
            final UnsafeBuffer request = new UnsafeBuffer(ByteBuffer.allocateDirect(REQUEST_LENGTH));
            request.putInt(0, STREAM);
            final long id = client.offer(request, 0, REQUEST_LENGTH, TimeUnit.MINUTES.toNanos(10));
            if (id != 1)
            {
                throw new IllegalStateException("id=" + id);
            }
            final long[] parts = {0};
            final ReplyHandler handler = new ReplyHandler()
            {
                @Override
                public void onReply(
                    final long id, final DirectBuffer buffer, final int offset, final int length, final boolean last)
                {
                    parts[0]++;
                }

                @Override
                public void onTimeout(final long id)
                {
                    throw new IllegalStateException("timeout id=" + id);
                }
            };
            while (parts[0] < 100)
            {
                if (client.poll(handler, 16) == 0)
                {
                    Thread.yield();
                }
            }
            System.out.println("STREAMING");
            // stop reading: the server is back-pressured mid-stream until this process is killed
            while (true)
            {
                Thread.sleep(1_000);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitConnected(final Client client)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!client.isConnected())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("no server on channel=" + client.channel());
            }
            Thread.yield();
        }
    }
}
