package io.ringline;

import org.agrona.DirectBuffer;

/**
 * Receives messages from {@link Subscriber#poll(MessageHandler, int)}.
 *
 * <p>The buffer is a view of the channel's memory (or of a reassembly buffer for a fragmented message), valid only
 * during the call: copy what you need to keep.
 */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * @param buffer holding the message.
     * @param offset of the first payload byte in the buffer.
     * @param length payload bytes.
     * @param header type, position and timestamp of the message.
     */
    void onMessage(DirectBuffer buffer, int offset, int length, Header header);
}
