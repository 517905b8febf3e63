package io.ringline.ring;

import org.agrona.DirectBuffer;

/**
 * The argument checks of {@code offer} and {@code tryClaim} on a channel in the ring's record layout (the ring and the
 * journal): programming errors, thrown with the channel and the limit named. Expected conditions are result codes,
 * never these.
 */
public final class OfferChecks
{
    private OfferChecks()
    {
    }

    /**
     * @param buffer              the message's buffer.
     * @param offset              its first byte.
     * @param length              its length.
     * @param maxMsgLength        the channel's max-msg.
     * @param maxFragmentedLength the channel's max-fragmented, 0 when it does not fragment.
     * @param uri                 the channel, for messages.
     * @throws IllegalArgumentException naming what is wrong.
     */
    public static void checkOffer(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int maxMsgLength,
        final int maxFragmentedLength,
        final String uri)
    {
        if (null == buffer)
        {
            throw new IllegalArgumentException("buffer is null, channel=" + uri);
        }
        if (length < 1)
        {
            throw new IllegalArgumentException("length=" + length + " must be > 0, channel=" + uri);
        }
        if (offset < 0 || (long)offset + length > buffer.capacity())
        {
            throw new IllegalArgumentException("offset=" + offset + " length=" + length +
                " is outside the buffer of capacity=" + buffer.capacity() + ", channel=" + uri);
        }
        if (length > maxMsgLength && length > maxFragmentedLength)
        {
            throw new IllegalArgumentException(maxFragmentedLength == 0 ?
                "length=" + length + " exceeds max-msg=" + maxMsgLength + " and the channel does not fragment " +
                "(max-fragmented=0), channel=" + uri :
                "length=" + length + " exceeds max-fragmented=" + maxFragmentedLength + ", channel=" + uri);
        }
    }

    /**
     * @param length       the claim's length.
     * @param maxMsgLength the channel's max-msg.
     * @param uri          the channel, for messages.
     * @throws IllegalArgumentException unless {@code 1 <= length <= maxMsgLength}.
     */
    public static void checkClaim(final int length, final int maxMsgLength, final String uri)
    {
        if (length < 1 || length > maxMsgLength)
        {
            throw new IllegalArgumentException("tryClaim length=" + length + " must be in [1, " + maxMsgLength +
                "] (max-msg), channel=" + uri);
        }
    }
}
