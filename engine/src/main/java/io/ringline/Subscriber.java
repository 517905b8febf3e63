package io.ringline;

import org.agrona.concurrent.IdleStrategy;

/**
 * Receives every message published on a channel after it joined, in order, with its own position: each subscriber
 * of a channel sees every message (publish/subscribe fan-out). A subscriber opened with {@code types=...} in its URI
 * receives only those message types; it still moves past the others, so it never holds publishers back.
 *
 * <p>A subscriber is not thread-safe: poll it from one thread. {@link #close()} may come from another thread; a
 * {@code receive} waiting then returns 0.
 */
public interface Subscriber extends AutoCloseable
{
    /**
     * @return the channel URI this subscriber was opened with.
     */
    String channel();

    /**
     * Delivers available messages without waiting.
     *
     * @param handler      called once per message.
     * @param messageLimit most messages to deliver in this call.
     * @return messages delivered.
     * @throws IllegalStateException after {@link #close()}, or when the subscriber was evicted from the channel
     *                               (its heartbeat went stale, e.g. the process was stopped for too long).
     */
    int poll(MessageHandler handler, int messageLimit);

    /**
     * Waits until at least one message arrives, using the subscriber's idle strategy.
     *
     * @param handler      called once per message.
     * @param messageLimit most messages to deliver in this call.
     * @return messages delivered, or 0 when the subscriber was closed while waiting.
     */
    int receive(MessageHandler handler, int messageLimit);

    /**
     * Waits, the way the subscriber was configured to ({@code wait=} in its URI), until at least one message arrives
     * or the timeout passes.
     *
     * @param handler      called once per message.
     * @param messageLimit most messages to deliver in this call.
     * @param timeoutNs    longest wait in nanoseconds.
     * @return messages delivered, or 0 on timeout or when the subscriber was closed while waiting.
     */
    int receive(MessageHandler handler, int messageLimit, long timeoutNs);

    /**
     * Waits until at least one message arrives or the timeout passes.
     *
     * @param handler      called once per message.
     * @param messageLimit most messages to deliver in this call.
     * @param idleStrategy how to wait between empty polls.
     * @param timeoutNs    longest wait in nanoseconds.
     * @return messages delivered, or 0 on timeout or when the subscriber was closed while waiting.
     */
    default int receive(
        final MessageHandler handler, final int messageLimit, final IdleStrategy idleStrategy, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        idleStrategy.reset();
        while (!isClosed())
        {
            final int received;
            try
            {
                received = poll(handler, messageLimit);
            }
            catch (final IllegalStateException ex)
            {
                if (isClosed())
                {
                    return 0; // closed by another thread between the check above and poll's own: as promised, 0
                }
                throw ex;
            }
            if (received > 0)
            {
                return received;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return 0;
            }
            idleStrategy.idle();
        }
        return 0;
    }

    /**
     * @return true when the peer of a stream transport closed and everything it sent has been delivered; a ring never
     * ends.
     */
    default boolean isEndOfStream()
    {
        return false;
    }

    /**
     * @return the position of the next message this subscriber will read.
     */
    long position();

    /**
     * @return true after {@link #close()}.
     */
    boolean isClosed();

    /**
     * Frees the subscriber's slot so that publishers no longer wait for it. Idempotent.
     */
    @Override
    void close();
}
