package io.ringline.perf.jmh;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;

/**
 * The subscriber side of a single-thread publisher benchmark: every 256th call of {@link #every256()} takes everything
 * the channel holds, so that the publisher never meets back-pressure and the drain's cost is spread over every
 * operation alike.
 */
final class SubscriberDrain implements MessageHandler
{
    private final Subscriber subscriber;
    private int sinceDrain;
    private long bytes;

    /**
     * @param subscriber the channel's subscriber.
     */
    SubscriberDrain(final Subscriber subscriber)
    {
        this.subscriber = subscriber;
    }

    /**
     * Every 256th call drains the subscriber.
     */
    void every256()
    {
        if (++sinceDrain == 256)
        {
            sinceDrain = 0;
            while (subscriber.poll(this, 1024) > 0)
            {
                // drain
            }
        }
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        bytes += length;
    }
}
