package io.ringline.spi;

import io.ringline.MessageHandler;
import io.ringline.Subscriber;

import java.util.concurrent.TimeUnit;

/**
 * What the transports' subscribers share, as {@link TransportPublisher} does for publishers: the channel URI, the
 * position (messages or bytes received, as each transport defines it), the closed flag, an idempotent
 * {@link #close()} that releases the transport's resource once through {@link #onClose()}, and the one timed
 * {@code receive}.
 *
 * <p>{@code receive} is a template: {@link #pollBeforeWaiting} once, then, while nothing came, the subscriber is
 * open, its stream has not ended and the deadline has not passed (read from the clock every
 * {@link #awaitsPerClockRead()} awaits, and not at all when the first poll delivers or, for a busy-spin, when a
 * message comes within its first awaits), {@link #await} the
 * transport's way (a kernel wait, a park, an idle strategy), which delivers what arrived. It allocates nothing. A {@link #close()} from another
 * thread ends it within one wait of at most {@link #MAX_WAIT_NS} (sooner where {@link #onClose()} wakes the waiter);
 * it then returns 0.
 */
public abstract class TransportSubscriber implements Subscriber
{
    /** Longest single wait in {@link #await}, so that a close from another thread is seen. */
    protected static final long MAX_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** The channel URI, for {@link #channel()} and for messages. */
    protected final String uri;
    /** Advanced by the subclass as it delivers. */
    protected long position;
    /** Set once by {@link #close()}; a {@code receive} waiting on another thread watches it. */
    protected volatile boolean closed;

    /**
     * @param uri the channel URI.
     */
    protected TransportSubscriber(final String uri)
    {
        this.uri = uri;
    }

    /**
     * @throws IllegalStateException naming the channel when this subscriber is closed.
     */
    protected final void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("subscriber is closed, channel=" + uri);
        }
    }

    @Override
    public final int receive(final MessageHandler handler, final int messageLimit)
    {
        return receive(handler, messageLimit, Long.MAX_VALUE);
    }

    @Override
    public final int receive(final MessageHandler handler, final int messageLimit, final long timeoutNs)
    {
        if (closed || messageLimit < 1)
        {
            return 0;
        }
        int received = pollBeforeWaiting(handler, messageLimit);
        if (0 != received || timeoutNs <= 0)
        {
            return received; // no clock read when the first poll delivers
        }
        final int clockMask = awaitsPerClockRead() - 1;
        // A wait that reads the clock on each await starts its deadline now; a busy-spin first reads the clock after
        // clockMask + 1 awaits, so a message within them costs no clock read, and its deadline runs from that read.
        // Deadlines are compared by difference: Long.MAX_VALUE is forever.
        boolean deadlineKnown = 0 == clockMask;
        long deadlineNs = deadlineKnown ? System.nanoTime() + timeoutNs : Long.MAX_VALUE;
        for (int awaits = 0; 0 == received && !closed && !isEndOfStream(); awaits++)
        {
            if (0 != awaits && (awaits & clockMask) == 0)
            {
                final long nowNs = System.nanoTime();
                if (!deadlineKnown)
                {
                    deadlineKnown = true;
                    deadlineNs = nowNs + timeoutNs;
                }
                else if (deadlineNs - nowNs <= 0)
                {
                    break;
                }
            }
            received = await(handler, messageLimit, deadlineNs);
        }
        return received;
    }

    /**
     * How many {@link #await} calls {@code receive} makes per read of the clock for its deadline: 1, the default,
     * for waits that take long enough that a clock read is nothing beside them (a kernel wait, a park, a yield);
     * more for a busy-spinning wait, where a clock read (20-25 ns here) would cost as much as the wait itself and
     * delay noticing a message. Such a wait reads the clock first after that many awaits, and its deadline runs
     * from there: the deadline is passed by at most twice that many awaits, and until that first read {@link #await}
     * is given {@link Long#MAX_VALUE} as its deadline, so more than 1 is only for an await that does not use it.
     *
     * @return a power of two, at least 1.
     */
    protected int awaitsPerClockRead()
    {
        return 1;
    }

    /**
     * The first poll of {@code receive}, before any wait: {@link #poll} unless the transport wants otherwise (deliver
     * only what it already holds, reset its idle strategy).
     *
     * @param handler      called once per message.
     * @param messageLimit most messages to deliver, at least 1.
     * @return messages delivered.
     */
    protected int pollBeforeWaiting(final MessageHandler handler, final int messageLimit)
    {
        return poll(handler, messageLimit);
    }

    /**
     * Waits the transport's way until a message may have arrived, the deadline passes, or the subscriber is closed
     * (each single wait at most {@link #MAX_WAIT_NS}, see {@link #waitNs(long)}), then delivers what arrived. Called
     * by {@code receive} while it has delivered nothing; returning 0 makes it check the deadline and call again.
     *
     * @param handler      called once per message.
     * @param messageLimit most messages to deliver, at least 1.
     * @param deadlineNs   {@link System#nanoTime()} at which {@code receive} gives up.
     * @return messages delivered, 0 when none came (or the subscriber was closed meanwhile: do not poll then).
     */
    protected abstract int await(MessageHandler handler, int messageLimit, long deadlineNs);

    /**
     * @param deadlineNs {@link System#nanoTime()} at which {@code receive} gives up.
     * @return how long the next single wait may be: the time left, at most {@link #MAX_WAIT_NS}; 0 or less when
     * none is left.
     */
    protected static long waitNs(final long deadlineNs)
    {
        return Math.min(deadlineNs - System.nanoTime(), MAX_WAIT_NS);
    }

    /**
     * Releases the transport's resource; called once, by the first {@link #close()}, possibly from another thread
     * than the one in {@code receive}.
     */
    protected abstract void onClose();

    /**
     * @return {@link #position}; a transport that counts elsewhere overrides this.
     */
    @Override
    public long position()
    {
        return position;
    }

    @Override
    public final String channel()
    {
        return uri;
    }

    @Override
    public final boolean isClosed()
    {
        return closed;
    }

    /**
     * Stops the subscriber (a {@code receive} waiting on another thread returns) and releases its resource. Idempotent.
     */
    @Override
    public final void close()
    {
        if (!closed)
        {
            closed = true;
            onClose();
        }
    }
}
