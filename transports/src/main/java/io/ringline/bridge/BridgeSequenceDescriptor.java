package io.ringline.bridge;

/**
 * The 8 bytes a {@link Bridge} puts in front of every message it sends on an {@code aeron:} channel, and checks on
 * every message it receives from one (the message type travels in the transport's own header):
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Sequence, low 32 bits (LE)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Sequence, high 16 bits      |   Sender epoch (16 bits)      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Payload ...                                 ...
 * </pre>
 *
 * Read as one little-endian long: the epoch in the top 16 bits (random per sending-bridge run, never 0), the
 * sequence (0, 1, 2, ... per run) in the low 48. See docs/layout.md.
 */
public final class BridgeSequenceDescriptor
{
    /** Offset of the sequence word. */
    public static final int SEQUENCE_OFFSET = 0;
    /** Bytes before the payload. */
    public static final int HEADER_LENGTH = 8;
    /** Bits of the word that hold the sequence. */
    public static final int SEQUENCE_BITS = 48;
    /** Mask of the sequence bits. */
    public static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private BridgeSequenceDescriptor()
    {
    }

    /**
     * @param epoch    the sender's epoch, 1 to 65535.
     * @param sequence the message's sequence.
     * @return the word.
     */
    public static long word(final int epoch, final long sequence)
    {
        return ((long)epoch << SEQUENCE_BITS) | (sequence & SEQUENCE_MASK);
    }

    /**
     * @param word as sent.
     * @return the sender's epoch.
     */
    public static int epoch(final long word)
    {
        return (int)(word >>> SEQUENCE_BITS);
    }

    /**
     * @param word as sent.
     * @return the sequence.
     */
    public static long sequence(final long word)
    {
        return word & SEQUENCE_MASK;
    }
}
