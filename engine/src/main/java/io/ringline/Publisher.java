package io.ringline;

import org.agrona.DirectBuffer;

/**
 * Sends messages on a channel. Obtain one from {@link Ringline#addPublisher(String)} (several may write one channel)
 * or {@link Ringline#addExclusivePublisher(String)} (the only writer, no atomic read-modify-write per message).
 *
 * <p>{@code offer} and {@code tryClaim} never block and never throw for expected conditions: they return the new
 * stream position (&gt;= 0) or one of the negative codes below, and the caller picks the policy (retry, drop, idle).
 * They throw only for programming errors: a bad length or range, or use after {@link #close()}.
 *
 * <p>A publisher is not thread-safe; use one per thread.
 */
public interface Publisher extends AutoCloseable
{
    /** No subscriber is attached: the message was not written. */
    long NOT_CONNECTED = -1;
    /** The slowest subscriber is a whole ring behind: retry later. */
    long BACK_PRESSURED = -2;
    /** The publisher did housekeeping (for example evicted a dead subscriber): retry at once. */
    long ADMIN_ACTION = -3;
    /** The channel was closed underneath the publisher. */
    long CLOSED = -4;
    /**
     * A journal could not create its next segment (its file system is full): nothing was written. The conductor's
     * error handler has the exception naming the directory and its free space.
     */
    long STORAGE_FULL = -5;

    /**
     * @return the channel URI this publisher was opened with.
     */
    String channel();

    /**
     * @return the longest payload {@link #tryClaim} takes (one record).
     */
    int maxPayloadLength();

    /**
     * @return the longest message {@link #offer} takes (fragmented above {@link #maxPayloadLength()}).
     */
    int maxMessageLength();

    /**
     * Sends a message of type 0.
     *
     * @param buffer holding the message.
     * @param offset of the first byte.
     * @param length of the message, 1 to {@link #maxMessageLength()}.
     * @return the new stream position, or {@link #NOT_CONNECTED}, {@link #BACK_PRESSURED}, {@link #ADMIN_ACTION},
     * {@link #CLOSED}.
     */
    default long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return offer(buffer, offset, length, 0);
    }

    /**
     * Sends a message.
     *
     * @param buffer holding the message.
     * @param offset of the first byte.
     * @param length of the message, 1 to {@link #maxMessageLength()}.
     * @param type   message type, carried to the subscribers, who may select by it.
     * @return the new stream position, or {@link #NOT_CONNECTED}, {@link #BACK_PRESSURED}, {@link #ADMIN_ACTION},
     * {@link #CLOSED}.
     */
    long offer(DirectBuffer buffer, int offset, int length, int type);

    /**
     * Claims space for a message of type 0 to be written in place.
     *
     * @param length of the message, 1 to {@link #maxPayloadLength()}.
     * @param claim  set to the claimed space when the result is &gt;= 0.
     * @return as for {@link #offer(DirectBuffer, int, int, int)}.
     */
    default long tryClaim(final int length, final BufferClaim claim)
    {
        return tryClaim(length, 0, claim);
    }

    /**
     * Claims space for a message to be written in place, then committed or aborted through the claim.
     *
     * @param length of the message, 1 to {@link #maxPayloadLength()}.
     * @param type   message type.
     * @param claim  set to the claimed space when the result is &gt;= 0.
     * @return as for {@link #offer(DirectBuffer, int, int, int)}.
     */
    long tryClaim(int length, int type, BufferClaim claim);

    /**
     * @return true when at least one subscriber is attached.
     */
    boolean isConnected();

    /**
     * @return the publishers' current position in the stream.
     */
    long position();

    /**
     * @return true after {@link #close()}.
     */
    boolean isClosed();

    /**
     * Releases the publisher's slot. Idempotent.
     */
    @Override
    void close();

    /**
     * Names a result of {@code offer} or {@code tryClaim}.
     *
     * @param result the value returned.
     * @return "OK" for a position, else the code's name.
     */
    static String resultName(final long result)
    {
        if (result >= 0)
        {
            return "OK";
        }
        if (result == NOT_CONNECTED)
        {
            return "NOT_CONNECTED";
        }
        if (result == BACK_PRESSURED)
        {
            return "BACK_PRESSURED";
        }
        if (result == ADMIN_ACTION)
        {
            return "ADMIN_ACTION";
        }
        if (result == CLOSED)
        {
            return "CLOSED";
        }
        return "UNKNOWN(" + result + ")";
    }
}
