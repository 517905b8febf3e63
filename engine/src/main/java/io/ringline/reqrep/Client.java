package io.ringline.reqrep;

import io.ringline.BufferClaim;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The requesting side of request/response, from {@link Ringline#addClient(String)}: sends requests on the request
 * channel, shared with every other client of the server, and receives the replies on a channel of its own,
 * {@link ReplyChannels#forClient(String, long)}, which it creates on open and removes on close.
 *
 * <pre>{@code
 * try (Client client = ringline.addClient("shm:orders")) {
 *     long id = client.offer(request, 0, length, TimeUnit.MILLISECONDS.toNanos(100));
 *     if (id < 0) { ... Publisher.resultName(id), or TOO_MANY_PENDING: retry later }
 *     while (...) client.poll(replyHandler, 16);   // replies, and timeouts, with their ids
 * }
 * }</pre>
 *
 * <p>One thread uses a client. {@code offer}, {@code tryClaim} and {@code poll} allocate nothing, take no lock and
 * return negative codes for back-pressure. Each request has a deadline: once it passes, {@code poll} tells the
 * handler of the timeout once, and a reply that comes after it is counted in {@link #lateReplies()} and dropped.
 */
public final class Client implements AutoCloseable
{
    /** Too many requests are pending (see {@code maxPending}): poll for replies, then retry. */
    public static final long TOO_MANY_PENDING = -10;
    /** System property of the default most requests pending at once. */
    public static final String MAX_PENDING_PROP_NAME = "ringline.client.max.pending";
    /** Default most requests pending at once. */
    public static final int MAX_PENDING_DEFAULT = 1024;
    /** The default most requests pending at once, from {@link #MAX_PENDING_PROP_NAME}. */
    public static final int MAX_PENDING = Integer.getInteger(MAX_PENDING_PROP_NAME, MAX_PENDING_DEFAULT);

    private final Ringline ringline;
    private final String channel;
    private final String replyChannel;
    private final long clientId;
    private final NanoClock clock;
    private final PendingRequests pending;
    private final Publisher requests;
    private final Subscriber replies;
    private final int maxRequestLength;
    private final BufferClaim claim = new BufferClaim();
    private final MessageHandler frameHandler = this::onFrame;
    private final PendingRequests.ExpiryListener expiryListener = this::onExpired;
    private ReplyHandler handler;
    private long lateReplies;
    private long timeouts;
    private long malformedFrames;
    private boolean closed;

    /**
     * Opens a client; use {@link Ringline#addClient(String, int)}.
     *
     * @param ringline   the instance that opens the channels.
     * @param channel    the request channel URI.
     * @param maxPending the most requests pending at once, a power of two.
     */
    public Client(final Ringline ringline, final String channel, final int maxPending)
    {
        if (null == ringline)
        {
            throw new IllegalArgumentException("ringline is null");
        }
        if (null == channel)
        {
            throw new IllegalArgumentException("channel is null");
        }
        this.ringline = ringline;
        this.channel = channel;
        this.pending = new PendingRequests(maxPending);
        this.clock = ringline.context().nanoClock();
        this.clientId = newClientId();
        this.replyChannel = ReplyChannels.forClient(channel, clientId);
        this.replies = ringline.addSubscriber(replyChannel);
        try
        {
            this.requests = ringline.addPublisher(channel);
        }
        catch (final RuntimeException ex)
        {
            replies.close();
            ringline.removeChannel(replyChannel);
            throw ex;
        }
        this.maxRequestLength = requests.maxPayloadLength() - FrameDescriptor.HEADER_LENGTH;
    }

    private static long newClientId()
    {
        // the pid in the high half names the process in `ringline ls`; the random low half tells apart the clients
        // of one process and a reused pid
        return ProcessHandle.current().pid() << 32 | (ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL);
    }

    /**
     * @return this client's id, in every request's header and in its reply channel's name.
     */
    public long clientId()
    {
        return clientId;
    }

    /**
     * @return the request channel URI.
     */
    public String channel()
    {
        return channel;
    }

    /**
     * @return this client's reply channel URI.
     */
    public String replyChannel()
    {
        return replyChannel;
    }

    /**
     * @return the longest request payload.
     */
    public int maxRequestLength()
    {
        return maxRequestLength;
    }

    /**
     * Sends a request.
     *
     * @param buffer    holding the request payload.
     * @param offset    of the payload.
     * @param length    of the payload, 0 to {@link #maxRequestLength()}.
     * @param timeoutNs how long to wait for the last reply, from now, &gt; 0.
     * @return the request's correlation id (&gt; 0), or a negative code: a {@link Publisher} code
     * ({@link Publisher#NOT_CONNECTED}: no server, {@link Publisher#BACK_PRESSURED}, ...) or
     * {@link #TOO_MANY_PENDING}.
     * @throws IllegalArgumentException naming the argument that is wrong.
     * @throws IllegalStateException    after close.
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length, final long timeoutNs)
    {
        if (null == buffer)
        {
            throw new IllegalArgumentException("buffer is null, channel=" + channel);
        }
        if (offset < 0 || length < 0 || (long)offset + length > buffer.capacity())
        {
            throw new IllegalArgumentException("offset=" + offset + " length=" + length +
                " is outside the buffer of capacity=" + buffer.capacity() + ", channel=" + channel);
        }
        final long id = claim(length, timeoutNs, claim);
        if (id > 0)
        {
            claim.buffer().putBytes(claim.offset() + FrameDescriptor.HEADER_LENGTH, buffer, offset, length);
            claim.commit();
            // the clock after the commit, while the request travels: its deadline is from (just after) now, and
            // its reply can only be read by this thread's next poll, which finds it pending
            pending.add(clock.nanoTime() + timeoutNs);
        }
        return id;
    }

    /**
     * Claims a request to write in place; commit or abort it through the claim.
     *
     * @param length    of the payload, 0 to {@link #maxRequestLength()}.
     * @param timeoutNs how long to wait for the last reply, from now, &gt; 0.
     * @param request   the claim to fill.
     * @return the request's correlation id (&gt; 0), or a negative code as {@link #offer} returns.
     * @throws IllegalArgumentException naming the argument that is wrong.
     * @throws IllegalStateException    after close.
     */
    public long tryClaim(final int length, final long timeoutNs, final RequestClaim request)
    {
        if (null == request)
        {
            throw new IllegalArgumentException("request claim is null, channel=" + channel);
        }
        final long id = claim(length, timeoutNs, request.claim);
        if (id > 0)
        {
            pending.add(clock.nanoTime() + timeoutNs);
            request.wrap(pending, id);
        }
        return id;
    }

    /**
     * Claims the frame and writes its header with the next id; the caller adds the id to the pending requests.
     */
    private long claim(final int length, final long timeoutNs, final BufferClaim into)
    {
        checkOpen();
        if (length < 0 || length > maxRequestLength)
        {
            throw new IllegalArgumentException("length=" + length + " must be in [0, " + maxRequestLength +
                "] (the channel's max payload less the " + FrameDescriptor.HEADER_LENGTH + "-byte request header)" +
                ", channel=" + channel);
        }
        if (timeoutNs <= 0)
        {
            throw new IllegalArgumentException("timeoutNs=" + timeoutNs + " must be > 0, channel=" + channel);
        }
        if (!pending.hasRoom())
        {
            return TOO_MANY_PENDING;
        }
        final long result = requests.tryClaim(FrameDescriptor.HEADER_LENGTH + length, into);
        if (result < 0)
        {
            return result;
        }
        final long id = pending.nextId();
        FrameDescriptor.write(into.buffer(), into.offset(), id, clientId, FrameDescriptor.REQUEST);
        return id;
    }

    /**
     * Delivers the replies that have come, then the timeouts of requests whose deadline passed; when it found neither
     * while a request is pending, looks for replies once more (they may have come while it read the clock).
     *
     * @param handler      told of each reply and each timeout.
     * @param messageLimit the most replies to read, &gt;= 1.
     * @return the replies read (late ones included) plus the timeouts.
     * @throws IllegalArgumentException naming the argument that is wrong.
     * @throws IllegalStateException    after close.
     */
    public int poll(final ReplyHandler handler, final int messageLimit)
    {
        return read(handler, messageLimit, -1);
    }

    /**
     * {@link #poll(ReplyHandler, int)}, but when no reply has come, waits for one the way the reply channel's URI
     * says ({@code wait=spin|yield|backoff|futex|...}, the request channel's parameters), at most the timeout; then
     * delivers the timeouts of requests whose deadline passed.
     *
     * @param handler      told of each reply and each timeout.
     * @param messageLimit the most replies to read, &gt;= 1.
     * @param timeoutNs    the longest wait, &gt;= 0: keep it below the requests' deadlines, which are checked after.
     * @return the replies read (late ones included) plus the timeouts, 0 on timeout.
     * @throws IllegalArgumentException naming the argument that is wrong.
     * @throws IllegalStateException    after close.
     */
    public int receive(final ReplyHandler handler, final int messageLimit, final long timeoutNs)
    {
        PollArguments.checkTimeout(timeoutNs, channel);
        return read(handler, messageLimit, timeoutNs);
    }

    private int read(final ReplyHandler handler, final int messageLimit, final long timeoutNs)
    {
        checkOpen();
        PollArguments.check(handler, messageLimit, channel);
        this.handler = handler;
        try
        {
            final int read = timeoutNs < 0 ? replies.poll(frameHandler, messageLimit) :
                replies.receive(frameHandler, messageLimit, timeoutNs);
            // the clock only while a request is pending: an idle client's polls read no clock
            if (!pending.hasDeadline())
            {
                return read;
            }
            final int expired = pending.expire(clock.nanoTime(), expiryListener);
            if (0 == read && 0 == expired && timeoutNs < 0)
            {
                // the clock takes longer than an empty poll: a reply that came while it was read is delivered now,
                // not after the caller's next call (no timeout was told, so replies still come before timeouts)
                return replies.poll(frameHandler, messageLimit);
            }
            return read + expired;
        }
        finally
        {
            this.handler = null;
        }
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < FrameDescriptor.HEADER_LENGTH)
        {
            malformedFrames++;
            return;
        }
        final int kind = buffer.getInt(offset + FrameDescriptor.KIND_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (buffer.getLong(offset + FrameDescriptor.CLIENT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) != clientId ||
            !FrameDescriptor.isReply(kind))
        {
            malformedFrames++;
            return;
        }
        final long id = buffer.getLong(offset + FrameDescriptor.CORRELATION_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (!pending.isPending(id))
        {
            lateReplies++;
            return;
        }
        final boolean last = kind != FrameDescriptor.REPLY_PART;
        if (last)
        {
            pending.remove(id);
        }
        handler.onReply(id, buffer, offset + FrameDescriptor.HEADER_LENGTH, length - FrameDescriptor.HEADER_LENGTH,
            last);
    }

    private void onExpired(final long correlationId)
    {
        timeouts++;
        handler.onTimeout(correlationId);
    }

    /**
     * @return whether a server is there: it holds a live subscriber slot on the request channel (for the ring; a
     * kernel transport's own notion of connected otherwise).
     */
    public boolean isConnected()
    {
        return !closed && requests.isConnected();
    }

    /**
     * @return how many requests wait for their last reply.
     */
    public int pendingCount()
    {
        return pending.count();
    }

    /**
     * @return replies that came after their request's deadline (or for an id never sent), dropped.
     */
    public long lateReplies()
    {
        return lateReplies;
    }

    /**
     * @return requests whose deadline passed before their last reply.
     */
    public long timeouts()
    {
        return timeouts;
    }

    /**
     * @return frames on the reply channel that were not a reply to this client, dropped.
     */
    public long malformedFrames()
    {
        return malformedFrames;
    }

    /**
     * @return whether {@link #close()} was called.
     */
    public boolean isClosed()
    {
        return closed;
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("client is closed, channel=" + channel);
        }
    }

    /**
     * Closes the request publisher and the reply subscriber, and removes the reply channel. Idempotent.
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
        replies.close();
        ringline.removeChannel(replyChannel);
    }

    @Override
    public String toString()
    {
        return "Client{channel=" + channel + ", clientId=" + Long.toHexString(clientId) + "}";
    }
}
