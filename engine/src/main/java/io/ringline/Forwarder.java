package io.ringline;

import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.BooleanSupplier;

/**
 * Offers each message to a publisher until it is taken: back-pressure, an administrative action, no reader yet and a
 * full file system are retried (spin, then yield), never dropped. A message is given up only when the publisher is
 * closed, or when the owner is stopping while the publisher still refuses; what happens then is the owner's
 * {@link StopPolicy}: {@link StopPolicy#THROW} (the journal's {@code Recorder} and {@code Replayer}) or a policy
 * that counts and reports the message (the bridge). The one forwarding loop of Ringline; allocates nothing.
 *
 * <p>Not thread-safe: call {@link #forward} from one thread. The counters are written with release stores and may be
 * read from any thread.
 */
public final class Forwarder
{
    private static final int SPINS_BEFORE_YIELD = 100;
    private static final AtomicLongFieldUpdater<Forwarder> FORWARDED =
        AtomicLongFieldUpdater.newUpdater(Forwarder.class, "forwarded");
    private static final AtomicLongFieldUpdater<Forwarder> RETRIES =
        AtomicLongFieldUpdater.newUpdater(Forwarder.class, "retries");
    private static final AtomicLongFieldUpdater<Forwarder> BACK_PRESSURED =
        AtomicLongFieldUpdater.newUpdater(Forwarder.class, "backPressured");
    private static final AtomicLongFieldUpdater<Forwarder> GIVEN_UP =
        AtomicLongFieldUpdater.newUpdater(Forwarder.class, "givenUp");

    /**
     * What a {@link Forwarder} does with a message the publisher still refuses when it is closed or the owner is
     * stopping. Called after the message is counted {@link #givenUp()}.
     */
    @FunctionalInterface
    public interface StopPolicy
    {
        /** Throws a {@link RinglineException} naming the channel, the refusal and the message's source position. */
        StopPolicy THROW = (to, result, sourcePosition) ->
        {
            throw new RinglineException("channel=" + to.channel() + " did not take the message at source " +
                "position=" + sourcePosition + ": " + Publisher.resultName(result) +
                (result == Publisher.CLOSED ? "" : " when told to stop"));
        };

        /**
         * @param to             the publisher that refused.
         * @param result         its last refusal ({@link Publisher#CLOSED}, or the code it gave while stopping).
         * @param sourcePosition the message's position in its source, as passed to {@link #forward}.
         */
        void onGivenUp(Publisher to, long result, long sourcePosition);
    }

    private final Publisher to;
    private final BooleanSupplier running;
    private final StopPolicy stopPolicy;
    private volatile long forwarded;
    private volatile long retries;
    private volatile long backPressured;
    private volatile long givenUp;

    /**
     * @param to         where messages go.
     * @param running    false once the owner is stopping: a refused offer is then given up.
     * @param stopPolicy what to do with a message given up.
     */
    public Forwarder(final Publisher to, final BooleanSupplier running, final StopPolicy stopPolicy)
    {
        this.to = to;
        this.running = running;
        this.stopPolicy = stopPolicy;
    }

    /**
     * Offers one message until it is taken or given up.
     *
     * @param buffer         holding the message.
     * @param offset         of the message in {@code buffer}.
     * @param length         of the message.
     * @param type           of the message.
     * @param sourcePosition where the message was read from, for the stop policy.
     * @return the publisher's position after the message when it took it (at least 0), or, when the message was given
     *         up and the stop policy did not throw, the publisher's last refusal (negative).
     */
    public long forward(
        final DirectBuffer buffer, final int offset, final int length, final int type, final long sourcePosition)
    {
        int attempts = 0;
        long result;
        while ((result = to.offer(buffer, offset, length, type)) < 0)
        {
            if (result == Publisher.CLOSED || !running.getAsBoolean())
            {
                GIVEN_UP.lazySet(this, givenUp + 1);
                stopPolicy.onGivenUp(to, result, sourcePosition);
                return result;
            }
            RETRIES.lazySet(this, retries + 1);
            if (result == Publisher.BACK_PRESSURED)
            {
                BACK_PRESSURED.lazySet(this, backPressured + 1);
            }
            if (++attempts < SPINS_BEFORE_YIELD)
            {
                Thread.onSpinWait();
            }
            else
            {
                Thread.yield();
            }
        }
        FORWARDED.lazySet(this, forwarded + 1);
        return result;
    }

    /**
     * @return messages the publisher took.
     */
    public long forwarded()
    {
        return forwarded;
    }

    /**
     * @return offers refused and retried (any code).
     */
    public long retries()
    {
        return retries;
    }

    /**
     * @return offers refused with {@link Publisher#BACK_PRESSURED} (each retried).
     */
    public long backPressured()
    {
        return backPressured;
    }

    /**
     * @return messages given up (publisher closed, or refused while stopping).
     */
    public long givenUp()
    {
        return givenUp;
    }
}
