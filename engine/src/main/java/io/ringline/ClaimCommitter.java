package io.ringline;

/**
 * The publisher side of a {@link BufferClaim}: what commit and abort do for one kind of channel.
 */
public interface ClaimCommitter
{
    /**
     * Makes the claimed message visible to subscribers.
     *
     * @param claim the claim being committed.
     */
    void commit(BufferClaim claim);

    /**
     * Gives the claimed space back as padding that subscribers skip.
     *
     * @param claim the claim being aborted.
     */
    void abort(BufferClaim claim);
}
