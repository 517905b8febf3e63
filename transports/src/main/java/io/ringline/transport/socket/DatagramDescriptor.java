package io.ringline.transport.socket;

/**
 * The header in front of every message of the datagram transports ({@code udp}, {@code unixgram}): one message per
 * datagram, all fields little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  Magic and version: bytes 'R' 'L' 'G' 0x01                    |  0
 *  +---------------------------------------------------------------+
 *  |  Session: random per publisher                                |  4
 *  +---------------------------------------------------------------+
 *  |  Sequence: 0, 1, 2... within the session                      |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  Message type                                                 | 16
 *  +---------------------------------------------------------------+
 *  |  Payload, 1 to max-msg bytes ...                             ... 20
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A subscriber counts a message as lost when a later sequence of the same session arrives first. A datagram
 * shorter than the header plus one byte, longer than the header plus max-msg, with another magic or a negative
 * sequence is malformed: it is dropped and counted, never delivered.
 */
public final class DatagramDescriptor
{
    /** Offset of the magic and version word. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the publisher's session id. */
    public static final int SESSION_OFFSET = 4;
    /** Offset of the 64-bit sequence number. */
    public static final int SEQUENCE_OFFSET = 8;
    /** Offset of the message type. */
    public static final int TYPE_OFFSET = 16;
    /** Header length: the payload starts here. */
    public static final int HEADER_LENGTH = 20;
    /** "RLG" and version 1, as a little-endian int. */
    public static final int MAGIC = 0x01_47_4C_52;
    /** The largest UDP payload over IPv4 (65535 - 20 IP - 8 UDP), used for IPv6 too. */
    public static final int UDP_MAX_DATAGRAM_LENGTH = 65_507;
    /** The default largest unixgram datagram: 64 KiB, well under the kernel's SO_SNDBUF - 32 limit. */
    public static final int UNIXGRAM_DEFAULT_DATAGRAM_LENGTH = 65_536;

    private DatagramDescriptor()
    {
    }
}
