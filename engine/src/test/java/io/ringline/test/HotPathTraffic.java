package io.ringline.test;

import io.ringline.BufferClaim;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The traffic the zero-allocation tests measure: per message one {@code offer} and one {@code tryClaim}/{@code commit},
 * and a {@code poll} every 16 messages (and whenever a publisher is held back), into a handler that touches each
 * message.
 */
public final class HotPathTraffic
{
    private HotPathTraffic()
    {
    }

    /** Sums what it receives, so that nothing is optimised away, and counts the messages. */
    public static final class CountingHandler implements MessageHandler
    {
        /** Sum of the first long and the type of every message. */
        public long sum;
        /** Messages received. */
        public long count;

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            sum += buffer.getLong(offset) + header.type();
            count++;
        }
    }

    /**
     * Sends {@code count} offers and {@code count} claims and reads them all.
     *
     * @param publisher  the publisher.
     * @param subscriber its subscriber.
     * @param message    a buffer of at least 32 bytes.
     * @param claim      a claim to reuse.
     * @param handler    receives the messages.
     * @param count      messages of each kind.
     */
    public static void exchange(
        final Publisher publisher,
        final Subscriber subscriber,
        final UnsafeBuffer message,
        final BufferClaim claim,
        final CountingHandler handler,
        final int count)
    {
        for (int i = 0; i < count; i++)
        {
            message.putLong(0, i);
            while (publisher.offer(message, 0, 32, 1) < 0)
            {
                subscriber.poll(handler, 64);
            }
            while (publisher.tryClaim(32, 2, claim) < 0)
            {
                subscriber.poll(handler, 64);
            }
            claim.buffer().putLong(claim.offset(), i);
            claim.commit();
            if ((i & 15) == 0)
            {
                subscriber.poll(handler, 64);
            }
        }
        while (subscriber.poll(handler, 64) > 0)
        {
            // drain
        }
    }
}
