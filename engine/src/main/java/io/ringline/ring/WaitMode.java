package io.ringline.ring;

import io.ringline.ChannelUri;

/**
 * How a subscriber waits in {@code receive} when the channel is empty: the {@code wait=} URI parameter. The first
 * three burn (some of) a core and need nothing from publishers; the last three sleep in the kernel and need the
 * channel's wakeups ({@code wakeups=true} when it is created, implied by a blocking {@code wait=} on the creator's
 * URI), so that publishers check for sleepers after each claim and wake them.
 */
public enum WaitMode
{
    /** Busy-spin ({@code Thread.onSpinWait}). */
    SPIN(false),
    /** {@code Thread.yield} between polls. */
    YIELD(false),
    /** Spin, then yield, then park with growing pauses (Agrona's {@code BackoffIdleStrategy}); the default. */
    BACKOFF(false),
    /** Sleep on a futex word in the channel's header; woken by {@code FUTEX_WAKE}. */
    FUTEX(true),
    /** Sleep on the channel's POSIX named semaphore {@code /ringline-wake-SALT}. */
    POSIXSEM(true),
    /** Sleep on the channel's System V semaphore, whose id is in the header. */
    SYSVSEM(true);

    private final boolean blocking;

    WaitMode(final boolean blocking)
    {
        this.blocking = blocking;
    }

    /**
     * @return true when the subscriber sleeps in the kernel and publishers must wake it.
     */
    public boolean isBlocking()
    {
        return blocking;
    }

    /**
     * Reads {@code wait=} from a URI.
     *
     * @param uri          channel URI.
     * @param defaultValue when absent.
     * @return the mode.
     */
    public static WaitMode from(final ChannelUri uri, final WaitMode defaultValue)
    {
        final String text = uri.get("wait", null);
        if (null == text)
        {
            return defaultValue;
        }
        for (final WaitMode mode : values())
        {
            if (mode.name().toLowerCase().equals(text))
            {
                return mode;
            }
        }
        throw new IllegalArgumentException("channel URI '" + uri + "' parameter wait=" + text +
            " must be one of spin, yield, backoff, futex, posixsem, sysvsem");
    }
}
