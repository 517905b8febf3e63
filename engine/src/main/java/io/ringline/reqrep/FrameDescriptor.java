package io.ringline.reqrep;

/**
 * The header that request/response puts in front of every request and reply, inside the message payload of any
 * channel, little-endian:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Correlation id (int64)                        |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Client id (int64)                             |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Kind (int32)                                  | 16
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0)                                  | 20
 *  +---------------------------------------------------------------+
 *  |                 Payload: length - 24 bytes                   ... 24
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The correlation id is the client's (1, 2, 3, ... per client); the client id names the client and its reply
 * channel ({@link ReplyChannels#forClient(String, long)}). A request is {@link #REQUEST}; an answer is one
 * {@link #REPLY}, or any number of {@link #REPLY_PART} then one {@link #REPLY_END}.
 */
public final class FrameDescriptor
{
    /** Offset of the correlation id. */
    public static final int CORRELATION_ID_OFFSET = 0;
    /** Offset of the client id. */
    public static final int CLIENT_ID_OFFSET = 8;
    /** Offset of the kind. */
    public static final int KIND_OFFSET = 16;
    /** Offset of the reserved word, written 0. */
    public static final int RESERVED_OFFSET = 20;
    /** Length of the header; the payload follows it. */
    public static final int HEADER_LENGTH = 24;

    /** A request, client to server. */
    public static final int REQUEST = 1;
    /** The one and last reply to a request. */
    public static final int REPLY = 2;
    /** One reply of a stream: more follow. */
    public static final int REPLY_PART = 3;
    /** The end of a stream of replies, with or without payload. */
    public static final int REPLY_END = 4;

    private FrameDescriptor()
    {
    }

    /**
     * @param kind a kind word.
     * @return whether it is one of the reply kinds.
     */
    public static boolean isReply(final int kind)
    {
        return kind == REPLY || kind == REPLY_PART || kind == REPLY_END;
    }

    /**
     * Writes a header.
     *
     * @param buffer        to write into.
     * @param offset        of the header.
     * @param correlationId the request's id.
     * @param clientId      the client's id.
     * @param kind          {@link #REQUEST}, {@link #REPLY}, {@link #REPLY_PART} or {@link #REPLY_END}.
     */
    public static void write(
        final org.agrona.MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final long clientId,
        final int kind)
    {
        buffer.putLong(offset + CORRELATION_ID_OFFSET, correlationId, java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + CLIENT_ID_OFFSET, clientId, java.nio.ByteOrder.LITTLE_ENDIAN);
        // the kind and the reserved word (0) in one little-endian store: the kind is the low half
        buffer.putLong(offset + KIND_OFFSET, kind & 0xFFFF_FFFFL, java.nio.ByteOrder.LITTLE_ENDIAN);
    }
}
