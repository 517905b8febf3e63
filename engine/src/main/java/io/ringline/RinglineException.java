package io.ringline;

/**
 * A failure outside the hot path that the caller can act on: a channel that cannot be created or opened, a file
 * that is not a Ringline channel, an operating-system call that failed. The message names the channel, the file or
 * the parameter, and what is wrong with it, as {@code name=value} pairs.
 */
public class RinglineException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the thing and the problem.
     */
    public RinglineException(final String message)
    {
        super(message);
    }

    /**
     * @param message what failed, naming the thing and the problem.
     * @param cause   the underlying failure.
     */
    public RinglineException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
