package io.ringline.transport;

import io.ringline.BufferClaim;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hot path of a message queue allocates nothing once warm: offers from a direct and from a heap buffer, claims
 * with their commits, and polls, empty or not (measured with {@code ThreadMXBean#getCurrentThreadAllocatedBytes}).
 * A subclass names a fresh queue and checks that it is gone afterwards.
 */
@Timeout(60)
public abstract class QueueZeroAllocationTest
{
    private static final int MESSAGES = 100_000;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private static final class CountingHandler implements MessageHandler
    {
        long sum;
        long count;

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            sum += buffer.getLong(offset) + header.type() + header.position();
            count++;
        }
    }

    @Test
    void offerClaimCommitAndPollAllocateNothing()
    {
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        final String channel = newChannel() + "?max-msg=64&unlink=true";
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final UnsafeBuffer heap = new UnsafeBuffer(new byte[64]);
            final BufferClaim claim = new BufferClaim();
            final CountingHandler handler = new CountingHandler();

            exchange(publisher, subscriber, direct, heap, claim, handler, MESSAGES / 2);
            exchange(publisher, subscriber, direct, heap, claim, handler, MESSAGES / 2);

            final long before = threads.getCurrentThreadAllocatedBytes();
            exchange(publisher, subscriber, direct, heap, claim, handler, MESSAGES);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertEquals(3L * 2 * MESSAGES, handler.count, "every message was delivered");
            assertEquals(0, allocated, "bytes allocated across " + 3 * MESSAGES + " sends and their polls");
        }
        assertQueueRemoved();
    }

    /**
     * @return the URI of a queue that does not exist yet, without parameters; the test creates it with unlink=true.
     */
    protected abstract String newChannel();

    /**
     * Asserts that the queue of the last {@link #newChannel()} is gone.
     */
    protected abstract void assertQueueRemoved();

    private static void exchange(final Publisher publisher, final Subscriber subscriber, final UnsafeBuffer direct,
        final UnsafeBuffer heap, final BufferClaim claim, final CountingHandler handler, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            direct.putLong(0, i);
            while (publisher.offer(direct, 0, 32, 1) < 0)
            {
                subscriber.poll(handler, 16);
            }
            heap.putLong(0, i);
            while (publisher.offer(heap, 0, 16, 2) < 0)
            {
                subscriber.poll(handler, 16);
            }
            while (publisher.tryClaim(8, 3, claim) < 0)
            {
                subscriber.poll(handler, 16);
            }
            claim.buffer().putLong(claim.offset(), i);
            claim.commit();
            subscriber.poll(handler, 2);
        }
        while (subscriber.poll(handler, 16) > 0)
        {
            // drain
        }
    }
}
