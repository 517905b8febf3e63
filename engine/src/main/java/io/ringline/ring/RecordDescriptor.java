package io.ringline.ring;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Byte layout of a record in the ring. A record starts on a 32-byte boundary and never wraps: a claim that would
 * cross the end of the ring is preceded by a padding record that fills the rest of the lap.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Tag = position XOR salt (commit word)         |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Frame length (header + payload, unaligned)    |  8
 *  +---------------------------------------------------------------+
 *  |                 Message type (int32)                          | 12
 *  +---------------+-----------------------------------------------+
 *  |     Flags     |              Reserved (0)                     | 16
 *  +---------------+-----------------------------------------------+
 *  |                 Publisher slot index                          | 20
 *  +---------------------------------------------------------------+
 *  |                 Publish timestamp (ns, CLOCK_MONOTONIC) or 0  | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Payload: frameLength - 32 bytes              ... 32
 *  +---------------------------------------------------------------+
 *  |                 Unused: 0 to 31 bytes up to a multiple of 32  |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A record takes {@link #alignedLength(int)} bytes: the frame length rounded up to {@link #ALIGNMENT}, so 0 to
 * 31 bytes follow the payload. Nobody writes them: they are zero on the first lap and hold an earlier lap's bytes
 * after, and a reader ignores them.
 *
 * <p>The protocol in one sentence: <b>a record at position P is complete when its tag word equals
 * {@code P ^ salt}</b>. The publisher writes payload and header fields, then the tag with release semantics; a
 * subscriber reads the tag with acquire semantics and compares it with the tag it expects at its own position.
 * Stale bytes from an earlier lap can never match: an old record's tag names an older position, and the salt (random
 * per channel, top bit set) makes a stray payload match only by a 1 in 2^64 chance. So the ring is never cleaned
 * behind the subscribers, and a publisher may use all of it.
 */
public final class RecordDescriptor
{
    /** Offset of the tag (commit word). */
    public static final int TAG_OFFSET = 0;
    /** Offset of the frame length. */
    public static final int FRAME_LENGTH_OFFSET = 8;
    /** Offset of the message type. */
    public static final int TYPE_OFFSET = 12;
    /** Offset of the flags byte. */
    public static final int FLAGS_OFFSET = 16;
    /** Offset of the index of the publisher slot that wrote the record. */
    public static final int PUBLISHER_OFFSET = 20;
    /** Offset of the publish timestamp. */
    public static final int TIMESTAMP_OFFSET = 24;
    /** Length of the header; the payload follows it. */
    public static final int HEADER_LENGTH = 32;
    /** Records start on multiples of this. */
    public static final int ALIGNMENT = 32;

    /** Flag: first fragment of a message. */
    public static final int BEGIN_FLAG = 0x80;
    /** Flag: last fragment of a message. */
    public static final int END_FLAG = 0x40;
    /** Flags of a message in one record. */
    public static final int UNFRAGMENTED = BEGIN_FLAG | END_FLAG;
    /** Flag: padding (end of lap, or an aborted claim); subscribers skip it. */
    public static final int PADDING_FLAG = 0x01;

    private RecordDescriptor()
    {
    }

    /**
     * @param payloadLength payload bytes.
     * @return bytes the record takes in the ring.
     */
    public static int alignedLength(final int payloadLength)
    {
        return (payloadLength + HEADER_LENGTH + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * Bytes a message longer than max-msg takes once fragmented: full fragments of {@code maxMsgLength} plus the
     * remainder, each framed. A long: a small max-msg frames each byte of a large message in 64 bytes, past the range
     * of an int.
     *
     * @param length       the message's length.
     * @param maxMsgLength payload of one record.
     * @return bytes its records take, claimed at once.
     */
    public static long fragmentedLength(final int length, final int maxMsgLength)
    {
        final int fullFragments = (length - 1) / maxMsgLength;
        final int lastLength = length - fullFragments * maxMsgLength;
        return (long)fullFragments * alignedLength(maxMsgLength) + alignedLength(lastLength);
    }

    /**
     * @param position record position.
     * @param salt     channel salt.
     * @return the tag that marks a complete record at this position.
     */
    public static long tag(final long position, final long salt)
    {
        return position ^ salt;
    }

    /**
     * Writes a record's header fields (the payload is already in place), then its tag with release semantics: the
     * record is now visible. The one writer of the record protocol, for the ring's publishers and the journal's.
     *
     * @param data        the ring or segment data.
     * @param index       the record's offset in {@code data}.
     * @param position    the record's position.
     * @param salt        the channel's salt.
     * @param frameLength header plus payload bytes, or the padding's whole length.
     * @param type        message type.
     * @param flags       {@link #UNFRAGMENTED}, {@link #BEGIN_FLAG}, {@link #END_FLAG}, 0 or {@link #PADDING_FLAG}.
     * @param publisher   index of the writer's publisher slot.
     * @param timestampNs publish timestamp, or 0.
     */
    public static void commit(
        final UnsafeBuffer data,
        final int index,
        final long position,
        final long salt,
        final int frameLength,
        final int type,
        final int flags,
        final int publisher,
        final long timestampNs)
    {
        data.putLong(index + TIMESTAMP_OFFSET, timestampNs);
        commitWithoutTimestamp(data, index, position, salt, frameLength, type, flags, publisher);
    }

    /**
     * {@link #commit} without the timestamp word: the rest of every commit, and alone the
     * {@link Ablations#SKIP_TIMESTAMP_WORD} attribution run.
     */
    static void commitWithoutTimestamp(
        final UnsafeBuffer data,
        final int index,
        final long position,
        final long salt,
        final int frameLength,
        final int type,
        final int flags,
        final int publisher)
    {
        data.putLong(index + FRAME_LENGTH_OFFSET, ((long)type << 32) | (frameLength & 0xFFFF_FFFFL));
        data.putLong(index + FLAGS_OFFSET, ((long)publisher << 32) | flags);
        data.putLongRelease(index + TAG_OFFSET, tag(position, salt));
    }
}
