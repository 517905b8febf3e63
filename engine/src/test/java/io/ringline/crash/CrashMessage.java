package io.ringline.crash;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The messages of the crash tests: who sent it (publisher id, incarnation), its sequence number in that incarnation,
 * and a filler derived from the sequence so that a torn or misplaced read is caught.
 *
 * <pre>
 *   0: publisher id (int)   4: incarnation (int)   8: sequence (long)   16..length: filler byte i = seq * 31 + i
 * </pre>
 *
 * Lengths vary with the sequence (16 to 195 bytes), and every 101st message is longer than one record so that a
 * fragmented claim can be killed half-committed.
 */
public final class CrashMessage
{
    public static final int HEADER_LENGTH = 16;
    public static final int FRAGMENTED_LENGTH = 9_000;
    public static final int MAX_LENGTH = FRAGMENTED_LENGTH;

    private CrashMessage()
    {
    }

    public static int length(final long sequence)
    {
        return sequence % 101 == 100 ? FRAGMENTED_LENGTH : HEADER_LENGTH + (int)((sequence * 37) % 180);
    }

    public static void write(
        final MutableDirectBuffer buffer, final int offset, final int publisher, final int incarnation,
        final long sequence, final int length)
    {
        buffer.putInt(offset, publisher);
        buffer.putInt(offset + 4, incarnation);
        buffer.putLong(offset + 8, sequence);
        for (int i = HEADER_LENGTH; i < length; i++)
        {
            buffer.putByte(offset + i, filler(sequence, i));
        }
    }

    public static int publisher(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset);
    }

    public static int incarnation(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + 4);
    }

    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 8);
    }

    /**
     * @return true when the length and the filler are those the sequence implies.
     */
    public static boolean isIntact(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return false;
        }
        final long sequence = sequence(buffer, offset);
        if (length != length(sequence))
        {
            return false;
        }
        for (int i = HEADER_LENGTH; i < length; i++)
        {
            if (buffer.getByte(offset + i) != filler(sequence, i))
            {
                return false;
            }
        }
        return true;
    }

    private static byte filler(final long sequence, final int index)
    {
        return (byte)(sequence * 31 + index);
    }
}
