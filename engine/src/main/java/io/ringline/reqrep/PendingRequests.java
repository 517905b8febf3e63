package io.ringline.reqrep;

import org.agrona.BitUtil;

/**
 * The requests a client waits on, without allocating: a preallocated ring of slots indexed by the correlation id
 * (ids are 1, 2, 3, ... so the slot of id is {@code id & (capacity - 1)}). A slot holds its id while the request is
 * pending and 0 when free, with the request's deadline. A new request whose slot is still taken by an older pending
 * one is refused: at most {@code capacity} requests, and no request more than {@code capacity} ids older than the
 * newest, are pending.
 *
 * <p>Deadlines: {@link #expire(long, ExpiryListener)} scans the pending window only once the clock has passed the
 * earliest deadline it knows, so a client whose replies come in time scans rarely. One thread only.
 */
final class PendingRequests
{
    /** Told of each request whose deadline passed. */
    @FunctionalInterface
    interface ExpiryListener
    {
        /**
         * @param correlationId of the request that timed out.
         */
        void onExpired(long correlationId);
    }

    private final long[] ids;
    private final long[] deadlinesNs;
    private final int mask;
    private long nextId = 1;
    private int count;
    private boolean hasDeadline;
    private long earliestDeadlineNs;

    /**
     * @param capacity the most requests pending at once, a power of two.
     */
    PendingRequests(final int capacity)
    {
        if (capacity < 1 || !BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("maxPending=" + capacity + " must be a power of two >= 1");
        }
        ids = new long[capacity];
        deadlinesNs = new long[capacity];
        mask = capacity - 1;
    }

    /**
     * @return the id the next {@link #add(long)} takes, if its slot is free.
     */
    long nextId()
    {
        return nextId;
    }

    /**
     * @return whether the slot of the next id is free.
     */
    boolean hasRoom()
    {
        return ids[(int)nextId & mask] == 0;
    }

    /**
     * Takes the next id; call only after {@link #hasRoom()}.
     *
     * @param deadlineNs when the request times out.
     * @return its correlation id.
     */
    long add(final long deadlineNs)
    {
        final long id = nextId++;
        final int index = (int)id & mask;
        ids[index] = id;
        deadlinesNs[index] = deadlineNs;
        count++;
        if (!hasDeadline || deadlineNs - earliestDeadlineNs < 0)
        {
            earliestDeadlineNs = deadlineNs;
            hasDeadline = true;
        }
        return id;
    }

    /**
     * @param id a correlation id.
     * @return whether it is pending.
     */
    boolean isPending(final long id)
    {
        return id > 0 && ids[(int)id & mask] == id;
    }

    /**
     * @param id a correlation id.
     * @return whether it was pending (and is now answered).
     */
    boolean remove(final long id)
    {
        if (!isPending(id))
        {
            return false;
        }
        ids[(int)id & mask] = 0;
        if (--count == 0)
        {
            hasDeadline = false; // nothing left to time out: no clock read until the next request
        }
        return true;
    }

    /**
     * @return how many requests are pending.
     */
    int count()
    {
        return count;
    }

    /**
     * @return whether some pending request has a deadline to check: if not, {@link #expire(long, ExpiryListener)}
     * needs no clock.
     */
    boolean hasDeadline()
    {
        return hasDeadline;
    }

    /**
     * Removes the requests whose deadline is past and tells the listener of each, oldest first.
     *
     * @param nowNs    the clock.
     * @param listener told of each.
     * @return how many expired.
     */
    int expire(final long nowNs, final ExpiryListener listener)
    {
        if (!hasDeadline || nowNs - earliestDeadlineNs < 0)
        {
            return 0;
        }
        int expired = 0;
        hasDeadline = false;
        long earliest = 0;
        // a pending id holds its slot, so no id of a full ring older than nextId - capacity can be pending
        for (long id = Math.max(1, nextId - ids.length); id < nextId; id++)
        {
            final int index = (int)id & mask;
            if (ids[index] != id)
            {
                continue;
            }
            final long deadlineNs = deadlinesNs[index];
            if (nowNs - deadlineNs >= 0)
            {
                ids[index] = 0;
                count--;
                expired++;
                listener.onExpired(id);
            }
            else if (!hasDeadline || deadlineNs - earliest < 0)
            {
                earliest = deadlineNs;
                hasDeadline = true;
            }
        }
        earliestDeadlineNs = earliest;
        return expired;
    }
}
