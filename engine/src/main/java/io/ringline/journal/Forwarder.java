package io.ringline.journal;

import io.ringline.Publisher;
import io.ringline.RinglineException;
import org.agrona.DirectBuffer;

import java.util.function.BooleanSupplier;

/**
 * Offers a message to a publisher until it is taken: back-pressure, an administrative action, no reader yet and a full
 * file system are retried (spin, then yield), never dropped. Gives up only when the publisher is closed, or when the
 * owner is stopping while the publisher still refuses, each with an exception naming the channel and the message's
 * source position. The one forwarding loop of {@link Recorder} and {@link Replayer}.
 */
final class Forwarder
{
    private static final int SPINS_BEFORE_YIELD = 100;

    private final Publisher to;
    private final BooleanSupplier running;
    private long messages;
    private long retries;

    Forwarder(final Publisher to, final BooleanSupplier running)
    {
        this.to = to;
        this.running = running;
    }

    /**
     * @return the publisher's position after the message.
     */
    long forward(
        final DirectBuffer buffer, final int offset, final int length, final int type, final long sourcePosition)
    {
        int attempts = 0;
        long result;
        while ((result = to.offer(buffer, offset, length, type)) < 0)
        {
            if (result == Publisher.CLOSED || !running.getAsBoolean())
            {
                throw new RinglineException("channel=" + to.channel() + " did not take the message at source " +
                    "position=" + sourcePosition + ": " + Publisher.resultName(result) +
                    (result == Publisher.CLOSED ? "" : " when told to stop"));
            }
            retries++;
            if (++attempts < SPINS_BEFORE_YIELD)
            {
                Thread.onSpinWait();
            }
            else
            {
                Thread.yield();
            }
        }
        messages++;
        return result;
    }

    long messages()
    {
        return messages;
    }

    long retries()
    {
        return retries;
    }
}
