package io.ringline.reqrep;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import org.agrona.DirectBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Answers one request, handed out by {@link Server#poll(RequestHandler, int)}: once ({@link #reply}), or as a stream
 * ({@link #replyPart} any number of times, then {@link #end()}). It may be kept after the handler returns and used
 * from another thread (hand it over with a happens-before edge, e.g. a queue); one thread at a time uses it.
 *
 * <p>Handles are preallocated and pooled by the server: after the last reply, the end, {@link #discard()}, or a
 * reply refused because the client is gone, the handle goes back to the pool and answers a later request. Each
 * return to the pool moves the handle's {@link #generation()} on. <b>A handle kept for later is kept with its
 * generation</b>, and answered through the methods that take it ({@link #reply(long, DirectBuffer, int, int)},
 * {@link #replyPart(long, DirectBuffer, int, int)}, {@link #end(long)}, {@link #end(long, DirectBuffer, int, int)},
 * {@link #discard(long)}): once its request was answered, discarded or its client found gone, they refuse with
 * {@link #STALE} (counted by {@link Server#staleReplies()}) instead of answering the later request that reuses the
 * handle. The methods without a generation are for the handler itself, while the request is certainly its own.
 *
 * <p>The send methods return what the reply publisher returned: the new position (&gt;= 0), or a negative code.
 * {@link Publisher#BACK_PRESSURED} and {@link Publisher#ADMIN_ACTION} (also: another thread is sending to the same
 * client this instant): retry. {@link Publisher#NOT_CONNECTED} or {@link Publisher#CLOSED}: the client is gone, the
 * reply is discarded and the handle released.
 */
public final class ReplyHandle
{
    /**
     * A send with a generation that is not the handle's: its request was answered, discarded or its client found
     * gone, and the handle may be answering another request now. Nothing was sent.
     */
    public static final long STALE = -20;

    private static final VarHandle GENERATION;

    static
    {
        try
        {
            GENERATION = MethodHandles.lookup().findVarHandle(ReplyHandle.class, "generation", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Server server;
    private final BufferClaim claim = new BufferClaim();
    private ClientSession session;
    private long correlationId;
    private boolean active;
    private volatile long generation;

    ReplyHandle(final Server server)
    {
        this.server = server;
    }

    void activate(final ClientSession session, final long correlationId)
    {
        this.session = session;
        this.correlationId = correlationId;
        this.active = true;
    }

    /**
     * @return the request's correlation id.
     */
    public long correlationId()
    {
        return correlationId;
    }

    /**
     * @return the id of the client that sent the request.
     */
    public long clientId()
    {
        return session.clientId;
    }

    /**
     * @return the longest reply payload: the reply channel's max payload less the header.
     */
    public int maxReplyLength()
    {
        checkActive();
        return session.maxReplyLength;
    }

    /**
     * The handle's generation: keep it with a handle answered later, and pass it to the send methods that take it.
     * It moves on each time the handle goes back to the pool.
     *
     * @return the current generation.
     */
    public long generation()
    {
        return generation;
    }

    /**
     * @return whether the handle still answers its request.
     */
    public boolean isActive()
    {
        return active;
    }

    /**
     * Sends the one reply, which ends the answer.
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload, 0 to {@link #maxReplyLength()}.
     * @return the position, or a negative code (see the class).
     */
    public long reply(final DirectBuffer buffer, final int offset, final int length)
    {
        return send(FrameDescriptor.REPLY, buffer, offset, length);
    }

    /**
     * Sends one reply of a stream; more follow, then {@link #end()}.
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload, 0 to {@link #maxReplyLength()}.
     * @return the position, or a negative code (see the class).
     */
    public long replyPart(final DirectBuffer buffer, final int offset, final int length)
    {
        return send(FrameDescriptor.REPLY_PART, buffer, offset, length);
    }

    /**
     * Ends a stream of replies with a last one.
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload, 0 to {@link #maxReplyLength()}.
     * @return the position, or a negative code (see the class).
     */
    public long end(final DirectBuffer buffer, final int offset, final int length)
    {
        return send(FrameDescriptor.REPLY_END, buffer, offset, length);
    }

    /**
     * Ends a stream of replies with an empty end marker.
     *
     * @return the position, or a negative code (see the class).
     */
    public long end()
    {
        return send(FrameDescriptor.REPLY_END, null, 0, 0);
    }

    /**
     * Gives up on the request without answering: the client will see its timeout. Releases the handle.
     */
    public void discard()
    {
        checkActive();
        release();
    }

    /**
     * {@link #reply(DirectBuffer, int, int)} on a handle kept for later.
     *
     * @param generation the handle's {@link #generation()} when its request came.
     * @param buffer     holding the payload.
     * @param offset     of the payload.
     * @param length     of the payload, 0 to {@link #maxReplyLength()}.
     * @return the position, {@link #STALE}, or a negative code (see the class).
     */
    public long reply(final long generation, final DirectBuffer buffer, final int offset, final int length)
    {
        return isStale(generation) ? STALE : send(FrameDescriptor.REPLY, buffer, offset, length);
    }

    /**
     * {@link #replyPart(DirectBuffer, int, int)} on a handle kept for later.
     *
     * @param generation the handle's {@link #generation()} when its request came.
     * @param buffer     holding the payload.
     * @param offset     of the payload.
     * @param length     of the payload, 0 to {@link #maxReplyLength()}.
     * @return the position, {@link #STALE}, or a negative code (see the class).
     */
    public long replyPart(final long generation, final DirectBuffer buffer, final int offset, final int length)
    {
        return isStale(generation) ? STALE : send(FrameDescriptor.REPLY_PART, buffer, offset, length);
    }

    /**
     * {@link #end(DirectBuffer, int, int)} on a handle kept for later.
     *
     * @param generation the handle's {@link #generation()} when its request came.
     * @param buffer     holding the payload.
     * @param offset     of the payload.
     * @param length     of the payload, 0 to {@link #maxReplyLength()}.
     * @return the position, {@link #STALE}, or a negative code (see the class).
     */
    public long end(final long generation, final DirectBuffer buffer, final int offset, final int length)
    {
        return isStale(generation) ? STALE : send(FrameDescriptor.REPLY_END, buffer, offset, length);
    }

    /**
     * {@link #end()} on a handle kept for later.
     *
     * @param generation the handle's {@link #generation()} when its request came.
     * @return the position, {@link #STALE}, or a negative code (see the class).
     */
    public long end(final long generation)
    {
        return isStale(generation) ? STALE : send(FrameDescriptor.REPLY_END, null, 0, 0);
    }

    /**
     * {@link #discard()} on a handle kept for later.
     *
     * @param generation the handle's {@link #generation()} when its request came.
     * @return false, counted as stale, when the request was already answered, discarded or its client gone.
     */
    public boolean discard(final long generation)
    {
        if (isStale(generation))
        {
            return false;
        }
        discard();
        return true;
    }

    private boolean isStale(final long expectedGeneration)
    {
        if (expectedGeneration != generation || !active)
        {
            server.onStaleReply();
            return true;
        }
        return false;
    }

    private long send(final int kind, final DirectBuffer buffer, final int offset, final int length)
    {
        checkActive();
        if (length != 0 || null != buffer)
        {
            if (null == buffer)
            {
                throw new IllegalArgumentException("buffer is null, length=" + length + ", " + this);
            }
            if (offset < 0 || length < 0 || (long)offset + length > buffer.capacity())
            {
                throw new IllegalArgumentException("offset=" + offset + " length=" + length +
                    " is outside the buffer of capacity=" + buffer.capacity() + ", " + this);
            }
        }
        final ClientSession session = this.session;
        if (length > session.maxReplyLength)
        {
            throw new IllegalArgumentException("length=" + length + " must be in [0, " + session.maxReplyLength +
                "] (the channel's max payload less the " + FrameDescriptor.HEADER_LENGTH + "-byte header), " + this);
        }
        if (!session.tryBeginSend())
        {
            return Publisher.ADMIN_ACTION;
        }
        final long result;
        try
        {
            result = session.publisher.tryClaim(FrameDescriptor.HEADER_LENGTH + length, claim);
            if (result >= 0)
            {
                FrameDescriptor.write(claim.buffer(), claim.offset(), correlationId, session.clientId, kind);
                if (length > 0)
                {
                    claim.buffer().putBytes(claim.offset() + FrameDescriptor.HEADER_LENGTH, buffer, offset, length);
                }
                claim.commit();
            }
        }
        finally
        {
            session.endSend();
        }
        if (result == Publisher.NOT_CONNECTED || result == Publisher.CLOSED)
        {
            server.onReplyDiscarded();
            release();
        }
        else if (result >= 0 && kind != FrameDescriptor.REPLY_PART)
        {
            release();
        }
        return result;
    }

    private void checkActive()
    {
        if (!active)
        {
            throw new IllegalStateException("reply handle is not active: its answer ended, it was discarded, or " +
                "its client is gone, correlationId=" + correlationId);
        }
    }

    private void release()
    {
        active = false;
        // before the pool can hand the handle out again (the pool's hand-over orders it): stale holders see it moved;
        // a release store, as the pool's own, not a full fence
        GENERATION.setRelease(this, generation + 1);
        final ClientSession session = this.session;
        this.session = null;
        server.release(this, session);
    }

    @Override
    public String toString()
    {
        final ClientSession session = this.session;
        return "ReplyHandle{correlationId=" + correlationId +
            (null == session ? "" : ", clientId=" + Long.toHexString(session.clientId)) + "}";
    }
}
