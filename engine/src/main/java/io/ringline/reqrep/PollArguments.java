package io.ringline.reqrep;

/**
 * The argument checks of {@link Client#poll}, {@link Server#poll} and their {@code receive}s, with messages naming the argument and the
 * channel.
 */
final class PollArguments
{
    private PollArguments()
    {
    }

    /**
     * @param handler      the poll's handler.
     * @param messageLimit the poll's limit.
     * @param channel      the request channel, for the message.
     * @throws IllegalArgumentException naming the argument that is wrong.
     */
    static void check(final Object handler, final int messageLimit, final String channel)
    {
        if (null == handler)
        {
            throw new IllegalArgumentException("handler is null, channel=" + channel);
        }
        if (messageLimit < 1)
        {
            throw new IllegalArgumentException("messageLimit=" + messageLimit + " must be >= 1, channel=" + channel);
        }
    }

    /**
     * @param timeoutNs the receive's timeout.
     * @param channel   the request channel, for the message.
     * @throws IllegalArgumentException when negative.
     */
    static void checkTimeout(final long timeoutNs, final String channel)
    {
        if (timeoutNs < 0)
        {
            throw new IllegalArgumentException("timeoutNs=" + timeoutNs + " must be >= 0, channel=" + channel);
        }
    }
}
