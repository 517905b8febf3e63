package io.ringline.reqrep;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import org.agrona.DirectBuffer;

/**
 * Answers one request, handed out by {@link Server#poll(RequestHandler, int)}: once ({@link #reply}), or as a stream
 * ({@link #replyPart} any number of times, then {@link #end()}). It may be kept after the handler returns and used
 * from another thread (hand it over with a happens-before edge, e.g. a queue); one thread at a time uses it.
 *
 * <p>Handles are preallocated and pooled by the server: after the last reply, the end, {@link #discard()}, or a
 * reply refused because the client is gone, the handle goes back to the pool and must not be used again.
 *
 * <p>The send methods return what the reply publisher returned: the new position (&gt;= 0), or a negative code.
 * {@link Publisher#BACK_PRESSURED} and {@link Publisher#ADMIN_ACTION} (also: another thread is sending to the same
 * client this instant): retry. {@link Publisher#NOT_CONNECTED} or {@link Publisher#CLOSED}: the client is gone, the
 * reply is discarded and the handle released.
 */
public final class ReplyHandle
{
    private final Server server;
    private final BufferClaim claim = new BufferClaim();
    private ClientSession session;
    private long correlationId;
    private boolean active;

    ReplyHandle(final Server server)
    {
        this.server = server;
    }

    void activate(final ClientSession session, final long correlationId)
    {
        this.session = session;
        this.correlationId = correlationId;
        this.active = true;
        session.outstanding.incrementAndGet();
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
        return session.publisher.maxPayloadLength() - FrameDescriptor.HEADER_LENGTH;
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
        if (length > maxReplyLength())
        {
            throw new IllegalArgumentException("length=" + length + " must be in [0, " + maxReplyLength() +
                "] (the channel's max payload less the " + FrameDescriptor.HEADER_LENGTH + "-byte header), " + this);
        }
        final ClientSession session = this.session;
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
        final ClientSession session = this.session;
        this.session = null;
        session.outstanding.decrementAndGet();
        server.release(this);
    }

    @Override
    public String toString()
    {
        final ClientSession session = this.session;
        return "ReplyHandle{correlationId=" + correlationId +
            (null == session ? "" : ", clientId=" + Long.toHexString(session.clientId)) + "}";
    }
}
