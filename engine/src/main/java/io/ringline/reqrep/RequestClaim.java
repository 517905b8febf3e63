package io.ringline.reqrep;

import io.ringline.BufferClaim;
import org.agrona.MutableDirectBuffer;

/**
 * A request being written in place, from {@link Client#tryClaim(int, long, RequestClaim)}: write the payload at
 * {@link #offset()} in {@link #buffer()}, then {@link #commit()} (or {@link #abort()}, which also gives the
 * correlation id back). Reusable: allocate one and claim with it again and again.
 */
public final class RequestClaim
{
    final BufferClaim claim = new BufferClaim();
    private PendingRequests pending;
    private long correlationId;

    void wrap(final PendingRequests pending, final long correlationId)
    {
        this.pending = pending;
        this.correlationId = correlationId;
    }

    /**
     * @return the buffer to write the payload into.
     */
    public MutableDirectBuffer buffer()
    {
        return claim.buffer();
    }

    /**
     * @return the offset of the payload in {@link #buffer()}.
     */
    public int offset()
    {
        return claim.offset() + FrameDescriptor.HEADER_LENGTH;
    }

    /**
     * @return the payload length claimed.
     */
    public int length()
    {
        return claim.length() - FrameDescriptor.HEADER_LENGTH;
    }

    /**
     * @return the request's correlation id.
     */
    public long correlationId()
    {
        return correlationId;
    }

    /**
     * Sends the request.
     *
     * @throws IllegalStateException when the claim is not active.
     */
    public void commit()
    {
        claim.commit();
        pending = null;
    }

    /**
     * Drops the request; its correlation id is no longer pending.
     *
     * @throws IllegalStateException when the claim is not active.
     */
    public void abort()
    {
        claim.abort();
        if (null != pending)
        {
            pending.remove(correlationId);
            pending = null;
        }
    }
}
