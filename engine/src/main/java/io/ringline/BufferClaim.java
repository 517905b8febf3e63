package io.ringline;

import org.agrona.MutableDirectBuffer;

/**
 * Space claimed by {@link Publisher#tryClaim(int, int, BufferClaim)} for a message written in place: write the
 * payload into {@link #buffer()} from {@link #offset()} for {@link #length()} bytes, then {@link #commit()} or
 * {@link #abort()}. Subscribers wait for a claim in progress, so commit promptly. Reuse one instance per thread.
 */
public final class BufferClaim
{
    private MutableDirectBuffer buffer;
    private int offset;
    private int length;
    private int type;
    private long token;
    private ClaimCommitter committer;

    /**
     * Points this claim at claimed space; called by publishers.
     *
     * @param buffer    holding the claimed space.
     * @param offset    of the first payload byte.
     * @param length    payload bytes.
     * @param type      message type.
     * @param token     publisher-specific value for the committer.
     * @param committer commits or aborts the claim.
     */
    public void wrap(
        final MutableDirectBuffer buffer,
        final int offset,
        final int length,
        final int type,
        final long token,
        final ClaimCommitter committer)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.type = type;
        this.token = token;
        this.committer = committer;
    }

    /**
     * @return the buffer to write the payload into.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the first payload byte in {@link #buffer()}.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return payload bytes claimed.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return the message type.
     */
    public int type()
    {
        return type;
    }

    /**
     * @return the publisher's token for this claim.
     */
    public long token()
    {
        return token;
    }

    /**
     * Publishes the message.
     *
     * @throws IllegalStateException when the claim was already committed or aborted.
     */
    public void commit()
    {
        final ClaimCommitter committer = release();
        committer.commit(this);
    }

    /**
     * Abandons the message; subscribers skip the space.
     *
     * @throws IllegalStateException when the claim was already committed or aborted.
     */
    public void abort()
    {
        final ClaimCommitter committer = release();
        committer.abort(this);
    }

    private ClaimCommitter release()
    {
        final ClaimCommitter committer = this.committer;
        if (null == committer)
        {
            throw new IllegalStateException("claim is not active: already committed, aborted, or never claimed");
        }
        this.committer = null;
        return committer;
    }
}
