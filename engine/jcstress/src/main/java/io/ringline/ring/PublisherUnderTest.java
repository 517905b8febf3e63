package io.ringline.ring;

import io.ringline.BufferClaim;
import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicInteger;

import static io.ringline.ring.Outcomes.*;
import static io.ringline.ring.RingFixture.PAYLOAD_LENGTH;

/**
 * The exclusive publisher in one state, a concurrent one in the next, so that one jcstress test covers both claims.
 * The concurrent one commits its second message through tryClaim, writing in place.
 */
final class PublisherUnderTest
{
    private static final AtomicInteger STATES = new AtomicInteger();

    final int mode = STATES.getAndIncrement() & 1;
    private final RingPublisher publisher;
    private final BufferClaim claim = new BufferClaim();

    PublisherUnderTest(final RingChannel channel)
    {
        publisher = MemoryRing.publisher(channel, mode == EXCLUSIVE);
    }

    void publish(final DirectBuffer message, final int number)
    {
        if (mode == CONCURRENT && number == 2)
        {
            if (publisher.tryClaim(PAYLOAD_LENGTH, number, claim) > 0)
            {
                claim.buffer().putBytes(claim.offset(), message, 0, PAYLOAD_LENGTH);
                claim.commit();
            }
        }
        else
        {
            publisher.offer(message, 0, PAYLOAD_LENGTH, number);
        }
    }
}
