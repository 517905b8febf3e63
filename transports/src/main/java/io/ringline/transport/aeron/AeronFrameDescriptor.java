package io.ringline.transport.aeron;

/**
 * The Ringline header at the front of every message on an {@code aeron:} channel, inside Aeron's own data frame
 * (Aeron fragments and reassembles the whole, header included; only the first fragment starts with it):
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Message type (int32, LE)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Payload ...                              ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The payload is what the publisher offered, byte for byte. See docs/layout.md.
 */
public final class AeronFrameDescriptor
{
    /** Offset of the message type. */
    public static final int TYPE_OFFSET = 0;
    /** Bytes of the Ringline header before the payload. */
    public static final int HEADER_LENGTH = 4;

    private AeronFrameDescriptor()
    {
    }
}
