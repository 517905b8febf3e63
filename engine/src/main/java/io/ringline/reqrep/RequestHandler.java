package io.ringline.reqrep;

import org.agrona.DirectBuffer;

/**
 * What a {@link Server} delivers from its {@link Server#poll(RequestHandler, int)}: each request, with a reply handle
 * that answers it now or later, from this thread or another.
 */
@FunctionalInterface
public interface RequestHandler
{
    /**
     * A request. The buffer is valid only during the call; the handle until its last reply, its end or
     * {@link ReplyHandle#discard()}.
     *
     * @param correlationId the client's id for the request.
     * @param buffer        holding the request's payload.
     * @param offset        of the payload.
     * @param length        of the payload, possibly 0.
     * @param reply         answers the request: {@link ReplyHandle#reply}, or {@link ReplyHandle#replyPart} then
     *                      {@link ReplyHandle#end}; keep it to answer later.
     */
    void onRequest(long correlationId, DirectBuffer buffer, int offset, int length, ReplyHandle reply);
}
