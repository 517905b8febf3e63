package io.ringline.transport.stream;

import io.ringline.ChannelUri;

/**
 * How messages are delimited on a byte stream, the {@code framing=} URI parameter.
 *
 * <p>{@link #RINGLINE}, the default, frames each message as below, so that lengths and types survive any split of
 * the stream into reads and writes. {@link #RAW} and {@link #LINE} are for interoperating with ordinary tools
 * ({@code cat}, {@code socat}, {@code nc}): raw delivers whatever one read returned, as one message of type 0; line
 * delivers newline-terminated lines (without the newline) and appends one to every message sent.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Frame length (8 + payload), little-endian     |  0
 *  +---------------------------------------------------------------+
 *  |                 Message type, little-endian                   |  4
 *  +---------------------------------------------------------------+
 *  |                 Payload ...                                  ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public enum Framing
{
    /** Length and type before every message. */
    RINGLINE,
    /** No framing: each read is a message. */
    RAW,
    /** Newline-delimited text. */
    LINE;

    /** Length of a {@link #RINGLINE} frame header. */
    public static final int HEADER_LENGTH = 8;
    /** max-msg of a byte-stream channel when its URI gives none. */
    public static final int MAX_MSG_DEFAULT = 64 * 1024;
    /** The largest max-msg of a byte-stream channel. */
    public static final int MAX_MSG_LIMIT = 16 << 20;

    /**
     * Reads {@code max-msg=} from the URI of a byte-stream channel (fifo, pipe, unix, tcp).
     *
     * @param uri channel URI.
     * @return the longest message, {@link #MAX_MSG_DEFAULT} when absent, at most {@link #MAX_MSG_LIMIT}.
     */
    public static int maxMessageLength(final ChannelUri uri)
    {
        return uri.maxMsg(MAX_MSG_DEFAULT, MAX_MSG_LIMIT);
    }

    /**
     * Reads {@code framing=} from a URI.
     *
     * @param uri channel URI.
     * @return the framing, {@link #RINGLINE} when absent.
     */
    public static Framing from(final ChannelUri uri)
    {
        final String text = uri.get("framing", "ringline");
        for (final Framing framing : values())
        {
            if (framing.name().toLowerCase().equals(text))
            {
                return framing;
            }
        }
        throw new IllegalArgumentException("channel URI '" + uri + "' parameter framing=" + text +
            " must be ringline, raw or line");
    }
}
