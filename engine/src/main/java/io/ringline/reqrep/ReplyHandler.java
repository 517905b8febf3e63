package io.ringline.reqrep;

import org.agrona.DirectBuffer;

/**
 * What a {@link Client} delivers from its {@link Client#poll(ReplyHandler, int)}: the replies to its requests, in the
 * order the server sent them, and each request's timeout, once.
 */
public interface ReplyHandler
{
    /**
     * A reply. The buffer is valid only during the call.
     *
     * @param correlationId the id {@link Client#offer} returned for the request.
     * @param buffer        holding the reply's payload.
     * @param offset        of the payload.
     * @param length        of the payload, possibly 0 (an end marker without payload).
     * @param last          whether this ends the answer (a single reply, or the end of a stream); the request is
     *                      no longer pending after it.
     */
    void onReply(long correlationId, DirectBuffer buffer, int offset, int length, boolean last);

    /**
     * The request's deadline passed before its last reply: it is no longer pending, and any reply that still comes
     * is counted in {@link Client#lateReplies()} and dropped.
     *
     * @param correlationId the id {@link Client#offer} returned for the request.
     */
    void onTimeout(long correlationId);
}
