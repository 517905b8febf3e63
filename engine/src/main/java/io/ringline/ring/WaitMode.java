package io.ringline.ring;

import io.ringline.ChannelUri;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

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

    private static final int SPIN_AWAITS_PER_CLOCK_READ = 64;

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
     * @return a new idle strategy for the waits between polls of a non-sleeping mode: busy-spin, yield, or Agrona's
     *         back-off (also returned for the sleeping modes, which do not idle).
     */
    public IdleStrategy newIdleStrategy()
    {
        return SPIN == this ? new BusySpinIdleStrategy() : YIELD == this ? new YieldingIdleStrategy() :
            new BackoffIdleStrategy();
    }

    /**
     * How many waits {@code receive} makes per read of the clock for its deadline
     * ({@link io.ringline.spi.TransportSubscriber#awaitsPerClockRead()}): a busy-spin's wait is one
     * {@code onSpinWait} and a poll, tens of nanoseconds, so reading the clock (20-25 ns here) on each would slow the
     * spin by as much again (the round trip of {@code ringline ping}, which waits in {@code receive}, measured 1.3x
     * the harness's polling one); {@code SPIN} reads it every {@value #SPIN_AWAITS_PER_CLOCK_READ} waits, a few
     * microseconds, and every other mode on each.
     *
     * @return a power of two, at least 1.
     */
    public int awaitsPerClockRead()
    {
        return SPIN == this ? SPIN_AWAITS_PER_CLOCK_READ : 1;
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
