package io.ringline.transport.socket;

/**
 * The next expected sequence number of each publisher session a datagram subscriber hears from, for up to
 * {@link #CAPACITY} sessions at once (the least recently heard is forgotten first), without allocating. A session's
 * first datagram sets its baseline: messages sent before the subscriber heard from it are not counted as lost.
 */
public final class SessionSequences
{
    /** Sessions tracked at once. */
    public static final int CAPACITY = 16;
    /** {@link #onSequence(int, long)}: older than one already seen: a duplicate or a datagram overtaken. */
    public static final long LATE = -1;

    private final int[] sessions = new int[CAPACITY];
    private final long[] nextSequences = new long[CAPACITY];
    private final long[] lastHeard = new long[CAPACITY];
    private int count;
    private long tick;

    /**
     * Records a sequence number.
     *
     * @param session  the publisher's session.
     * @param sequence the datagram's sequence, &gt;= 0.
     * @return messages of the session skipped just before this one (0 when in order), or {@link #LATE}.
     */
    public long onSequence(final int session, final long sequence)
    {
        tick++;
        for (int i = 0; i < count; i++)
        {
            if (sessions[i] == session)
            {
                lastHeard[i] = tick;
                final long next = nextSequences[i];
                if (sequence < next)
                {
                    return LATE;
                }
                nextSequences[i] = sequence + 1;
                return sequence - next;
            }
        }
        final int slot = count < CAPACITY ? count++ : leastRecentlyHeard();
        sessions[slot] = session;
        nextSequences[slot] = sequence + 1;
        lastHeard[slot] = tick;
        return 0;
    }

    private int leastRecentlyHeard()
    {
        int oldest = 0;
        for (int i = 1; i < CAPACITY; i++)
        {
            if (lastHeard[i] < lastHeard[oldest])
            {
                oldest = i;
            }
        }
        return oldest;
    }
}
