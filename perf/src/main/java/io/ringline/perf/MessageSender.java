package io.ringline.perf;

/**
 * The sending end of a transport, as the shared producer and ping loops see it.
 */
@FunctionalInterface
public interface MessageSender
{
    /**
     * Tries once to send a {@link BenchMessage} with the given sequence number.
     *
     * @param sequence to put in the message.
     * @return true if sent; false if the transport is momentarily full or not yet connected, so the caller retries.
     */
    boolean offer(long sequence);
}
