package io.ringline.reqrep;

import io.ringline.ChannelUri;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The answering side of request/response, from {@link Ringline#addServer(String)}: subscribes to the request channel,
 * which every client publishes on, and answers each client on that client's reply channel
 * ({@link ReplyChannels#forClient(String, long)}), opened on its first request (without creating it: a client that
 * is gone stays gone).
 *
 * <pre>{@code
 * try (Server server = ringline.addServer("shm:orders")) {
 *     RequestHandler handler = (id, buffer, offset, length, reply) -> reply.reply(ack, 0, ackLength);
 *     while (running) server.poll(handler, 16);
 * }
 * }</pre>
 *
 * <p>One thread polls. Each request comes with a {@link ReplyHandle} from a preallocated pool; when every handle is
 * out (answers kept for later), {@code poll} reads no more requests until some come back: back-pressure on the
 * request channel. A client whose reply channel has no live subscriber any more is gone: its replies are discarded
 * ({@link #discardedReplies()}), and once none of its handles is out its publisher is closed and its reply channel
 * removed. {@code poll} allocates nothing except on a client's first request.
 *
 * <p>The busy path takes no atomic and reads no clock: a handle answered in the handler, on the polling thread,
 * goes back to a plain stack of that thread's (only handles released on other threads go through a concurrent
 * queue), and the clock for the heartbeat sweep is read once in {@value #POLLS_PER_CLOCK_READ} polls (and after a
 * {@code receive} that found nothing), so neither a request waiting for its answer nor a spinning server's empty
 * polls pay for it.
 */
public final class Server implements AutoCloseable
{
    /** System property of the default number of reply handles. */
    public static final String REPLY_HANDLES_PROP_NAME = "ringline.server.reply.handles";
    /** Default number of reply handles: the most requests answered later at once. */
    public static final int REPLY_HANDLES_DEFAULT = 1024;
    /** The default number of reply handles, from {@link #REPLY_HANDLES_PROP_NAME}. */
    public static final int REPLY_HANDLES = Integer.getInteger(REPLY_HANDLES_PROP_NAME, REPLY_HANDLES_DEFAULT);

    /**
     * {@code poll} reads the clock (for the sweep) once in this many calls, busy or idle: a spinning server's empty
     * polls read no clock (the clock costs more than an empty poll, and delays seeing the next request).
     */
    static final int POLLS_PER_CLOCK_READ = 64;

    private final Ringline ringline;
    private final String channel;
    private final Subscriber requests;
    private final NanoClock clock;
    private final long sweepIntervalNs;
    private final ManyToOneConcurrentArrayQueue<ReplyHandle> freeHandles;
    private final ReplyHandle[] localFreeHandles;
    private final Consumer<ReplyHandle> takeBack = this::pushFree;
    private final Long2ObjectHashMap<ClientSession> sessions = new Long2ObjectHashMap<>();
    private final List<ClientSession> sessionList = new ArrayList<>();
    private final MessageHandler frameHandler = this::onFrame;
    /** The session of the last request's client, or null: a client asking again skips the map. */
    private ClientSession lastSession;
    private final AtomicLong discardedReplies = new AtomicLong();
    private final AtomicLong staleReplies = new AtomicLong();
    private RequestHandler handler;
    private int localFreeCount;
    private int pollsSinceClock;
    /** The thread inside {@code poll}/{@code receive}, else null: handles it releases go to the plain stack. */
    private Thread pollingThread;
    private long lastSweepNs;
    private long discardedRequests;
    private long malformedFrames;
    private long clientsGone;
    private boolean closed;

    /**
     * Opens a server; use {@link Ringline#addServer(String, int)}.
     *
     * @param ringline     the instance that opens the channels.
     * @param channel      the request channel URI.
     * @param replyHandles how many requests may be answered later at once, &gt;= 1.
     */
    public Server(final Ringline ringline, final String channel, final int replyHandles)
    {
        if (null == ringline)
        {
            throw new IllegalArgumentException("ringline is null");
        }
        if (null == channel)
        {
            throw new IllegalArgumentException("channel is null");
        }
        if (replyHandles < 1)
        {
            throw new IllegalArgumentException("replyHandles=" + replyHandles + " must be >= 1, channel=" + channel);
        }
        ReplyChannels.forClient(channel, 0); // fails now, not on the first request, for a scheme without them
        this.ringline = ringline;
        this.channel = channel;
        this.clock = ringline.context().nanoClock();
        this.sweepIntervalNs = TimeUnit.MILLISECONDS.toNanos(ringline.context().heartbeatIntervalMs());
        // Agrona's queue needs a capacity of 2 or more; it holds only the replyHandles handles made here
        this.freeHandles = new ManyToOneConcurrentArrayQueue<>(Math.max(2, replyHandles));
        this.localFreeHandles = new ReplyHandle[replyHandles];
        for (int i = 0; i < replyHandles; i++)
        {
            localFreeHandles[localFreeCount++] = new ReplyHandle(this);
        }
        this.requests = ringline.addSubscriber(channel);
        this.lastSweepNs = clock.nanoTime();
    }

    /**
     * @return the request channel URI.
     */
    public String channel()
    {
        return channel;
    }

    /**
     * Reads requests and hands each to the handler with a reply handle; every heartbeat interval (checked once in
     * {@value #POLLS_PER_CLOCK_READ} polls), also closes the sessions of clients that are gone.
     *
     * @param handler      told of each request.
     * @param messageLimit the most requests to read, &gt;= 1.
     * @return the requests read (discarded ones included).
     * @throws IllegalArgumentException naming the argument that is wrong.
     * @throws IllegalStateException    after close.
     */
    public int poll(final RequestHandler handler, final int messageLimit)
    {
        return read(handler, messageLimit, -1);
    }

    /**
     * {@link #poll(RequestHandler, int)}, but when no request has come, waits for one the way the request channel's
     * URI says ({@code wait=spin|yield|backoff|futex|...}), at most the timeout. Returns at once, 0, while every reply
     * handle is out. A receive that read nothing checks whether the sweep is due.
     *
     * @param handler      told of each request.
     * @param messageLimit the most requests to read, &gt;= 1.
     * @param timeoutNs    the longest wait, &gt;= 0.
     * @return the requests read (discarded ones included), 0 on timeout.
     * @throws IllegalArgumentException naming the argument that is wrong.
     * @throws IllegalStateException    after close.
     */
    public int receive(final RequestHandler handler, final int messageLimit, final long timeoutNs)
    {
        PollArguments.checkTimeout(timeoutNs, channel);
        return read(handler, messageLimit, timeoutNs);
    }

    private int read(final RequestHandler handler, final int messageLimit, final long timeoutNs)
    {
        if (closed)
        {
            throw new IllegalStateException("server is closed, channel=" + channel);
        }
        PollArguments.check(handler, messageLimit, channel);
        // Handles other threads gave back come onto this thread's stack first, and only the ones visible in the queue:
        // its size() also counts an offer that has claimed its slot but not yet written the handle, which poll() then
        // does not return. Only this thread takes handles, so as many as are on the stack now stay free for this poll.
        if (localFreeCount < messageLimit)
        {
            freeHandles.drain(takeBack);
        }
        final int limit = Math.min(messageLimit, localFreeCount);
        int read = 0;
        if (limit > 0)
        {
            this.handler = handler;
            this.pollingThread = Thread.currentThread();
            try
            {
                read = timeoutNs < 0 ? requests.poll(frameHandler, limit) :
                    requests.receive(frameHandler, limit, timeoutNs);
            }
            finally
            {
                this.pollingThread = null;
                this.handler = null;
            }
        }
        // the clock once in so many polls, never between a request and its answer, and after each receive that waited
        // for nothing (its wait costs more than the clock)
        if ((0 == read && timeoutNs >= 0) || ++pollsSinceClock >= POLLS_PER_CLOCK_READ)
        {
            pollsSinceClock = 0;
            sweepIfDue();
        }
        return read;
    }

    private void sweepIfDue()
    {
        final long nowNs = clock.nanoTime();
        if (nowNs - lastSweepNs >= sweepIntervalNs)
        {
            lastSweepNs = nowNs;
            sweep();
        }
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < FrameDescriptor.HEADER_LENGTH ||
            buffer.getInt(offset + FrameDescriptor.KIND_OFFSET, ByteOrder.LITTLE_ENDIAN) != FrameDescriptor.REQUEST)
        {
            malformedFrames++;
            return;
        }
        final long clientId = buffer.getLong(offset + FrameDescriptor.CLIENT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
        ClientSession session = lastSession;
        if (null == session || session.clientId != clientId)
        {
            session = sessions.get(clientId);
            if (null == session)
            {
                session = openSession(clientId);
            }
            lastSession = session;
        }
        if (null == session || session.dead)
        {
            discardedRequests++;
            return;
        }
        final ReplyHandle reply = takeHandle();
        session.taken++;
        reply.activate(session, buffer.getLong(offset + FrameDescriptor.CORRELATION_ID_OFFSET, ByteOrder.LITTLE_ENDIAN));
        handler.onRequest(reply.correlationId(), buffer, offset + FrameDescriptor.HEADER_LENGTH,
            length - FrameDescriptor.HEADER_LENGTH, reply);
    }

    private ReplyHandle takeHandle()
    {
        final ReplyHandle handle = localFreeHandles[--localFreeCount];
        localFreeHandles[localFreeCount] = null;
        return handle;
    }

    private ClientSession openSession(final long clientId)
    {
        final String replyChannel = ReplyChannels.forClient(channel, clientId);
        final ChannelUri uri = ChannelUri.parse(replyChannel);
        final boolean ring = "shm".equals(uri.scheme()) || "file".equals(uri.scheme());
        final String publisherUri = ring && !uri.has("create") ?
            replyChannel + (replyChannel.indexOf('?') < 0 ? "?" : "&") + "create=false" : replyChannel;
        try
        {
            final ClientSession session =
                new ClientSession(clientId, replyChannel, ringline.addPublisher(publisherUri));
            sessions.put(clientId, session);
            sessionList.add(session);
            return session;
        }
        catch (final RinglineException ex)
        {
            return null; // the client's reply channel is gone: so is the client
        }
    }

    private void sweep()
    {
        for (int i = sessionList.size() - 1; i >= 0; i--)
        {
            final ClientSession session = sessionList.get(i);
            if (!session.publisher.isConnected())
            {
                session.dead = true;
                if (session.outstanding() == 0)
                {
                    sessionList.remove(i);
                    sessions.remove(session.clientId);
                    if (lastSession == session)
                    {
                        lastSession = null;
                    }
                    session.publisher.close();
                    ringline.removeChannel(session.replyChannel);
                    clientsGone++;
                }
            }
        }
    }

    /**
     * Takes back a handle after its last use of the session's publisher.
     */
    void release(final ReplyHandle handle, final ClientSession session)
    {
        // only the thread inside poll sees itself here: any other thread reads null or another thread
        if (Thread.currentThread() == pollingThread)
        {
            session.releasedOnPollingThread++;
            pushFree(handle);
        }
        else
        {
            session.releasedElsewhere();
            freeHandles.offer(handle);
        }
    }

    // onto the polling thread's stack of free handles, which holds them all
    private void pushFree(final ReplyHandle handle)
    {
        localFreeHandles[localFreeCount++] = handle;
    }

    void onReplyDiscarded()
    {
        discardedReplies.incrementAndGet();
    }

    void onStaleReply()
    {
        staleReplies.incrementAndGet();
    }

    /**
     * @return the clients this server has a session with.
     */
    public int clientCount()
    {
        return sessionList.size();
    }

    /**
     * @return clients found gone, whose sessions were closed and reply channels removed.
     */
    public long clientsGone()
    {
        return clientsGone;
    }

    /**
     * @return replies discarded because their client was gone.
     */
    public long discardedReplies()
    {
        return discardedReplies.get();
    }

    /**
     * @return sends refused with {@link ReplyHandle#STALE}: through a handle kept past its request.
     */
    public long staleReplies()
    {
        return staleReplies.get();
    }

    /**
     * @return requests discarded because their client was gone.
     */
    public long discardedRequests()
    {
        return discardedRequests;
    }

    /**
     * @return frames on the request channel that were not requests, dropped.
     */
    public long malformedFrames()
    {
        return malformedFrames;
    }

    /**
     * @return reply handles in the pool (read it on the polling thread).
     */
    public int freeReplyHandles()
    {
        return localFreeCount + freeHandles.size();
    }

    /**
     * @return whether {@link #close()} was called.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Closes the request subscriber and every client's reply publisher; the clients' reply channels stay theirs.
     * Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        requests.close();
        for (final ClientSession session : sessionList)
        {
            session.publisher.close();
        }
        sessionList.clear();
        sessions.clear();
        lastSession = null;
    }

    @Override
    public String toString()
    {
        return "Server{channel=" + channel + "}";
    }
}
