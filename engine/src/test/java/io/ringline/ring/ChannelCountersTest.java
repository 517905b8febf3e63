package io.ringline.ring;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel counters count each failure-path event once, in the shared header where another process reads them;
 * time driven by hand (an injected clock and no conductor thread).
 */
@Timeout(30)
class ChannelCountersTest
{
    @Test
    void backPressureEvictionAndNotConnectedAreCountedOnceEach()
    {
        final CachedNanoClock clock = new CachedNanoClock();
        clock.update(TimeUnit.SECONDS.toNanos(1000));
        final Ringline.Context context = new Ringline.Context()
            .useConductorThread(false).nanoClock(clock).heartbeatIntervalMs(100).livenessTimeoutMs(1000);
        final String channel = TestChannels.SHM.newChannel();
        final String uri = TestChannels.with(channel, "capacity=4k");
        // Two instances stand for two processes: the subscriber's stops beating, the publisher's watches on.
        try (Ringline subscribing = Ringline.connect(context);
            Ringline ringline = Ringline.connect(context);
            Subscriber ignored = subscribing.addSubscriber(uri);
            Publisher publisher = ringline.addPublisher(uri))
        {
            final ChannelCounters counters = ((RingPublisher)publisher).channel.counters;
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            while (publisher.offer(message, 0, 32) >= 0)
            {
                assertEquals(0, counters.backPressureVolatile(), "a successful offer counts nothing");
            }
            for (int i = 0; i < 6; i++)
            {
                assertEquals(Publisher.BACK_PRESSURED, publisher.offer(message, 0, 32));
            }
            assertEquals(7, counters.backPressureVolatile());

            for (int i = 0; i < 10; i++)
            {
                clock.advance(TimeUnit.MILLISECONDS.toNanos(100));
                ringline.doWork();
            }
            clock.advance(TimeUnit.MILLISECONDS.toNanos(1));
            assertEquals(Publisher.ADMIN_ACTION, publisher.offer(message, 0, 32));
            assertEquals(1, counters.subscriberEvictionsVolatile());
            assertEquals(7, counters.backPressureVolatile(), "an eviction is not a back-pressure event");

            assertEquals(Publisher.NOT_CONNECTED, publisher.offer(message, 0, 32));
            assertEquals(Publisher.NOT_CONNECTED, publisher.offer(message, 0, 32));
            assertEquals(2, counters.notConnectedVolatile());
            assertEquals(0, counters.publisherEvictionsVolatile());
            assertEquals(0, counters.unblocksVolatile());
            ringline.removeChannel(channel);
        }
    }

    @Test
    void aDeadPublishersSlotAndClaimAreCounted() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        final String channel = TestChannels.SHM.newChannel();
        final Ringline.Context context = new Ringline.Context().useConductorThread(false);
        try (Ringline ringline = Ringline.connect(context);
            Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            final RingChannel ring = ((RingPublisher)publisher).channel;
            final ChannelCounters counters = ring.counters;

            // A publisher in another slot claims 64 bytes and dies before committing them.
            final PublisherSlot slot = new PublisherSlot().wrap(ring.meta, ring.publisherSlotOffset(1));
            final long start = ring.tailVolatile();
            slot.pid(gone.pid());
            slot.claim(start, start + 64);
            assertTrue(slot.compareAndSetStateWord(
                slot.stateWordVolatile(), SubscriberSlotDescriptor.stateWord(1, SubscriberSlotDescriptor.ACTIVE)));
            assertTrue(ring.meta.compareAndSetLong(RingDescriptor.TAIL_OFFSET, start, start + 64));

            ringline.doWork();
            assertEquals(0, counters.publisherEvictionsVolatile(), "the slot stays while its claim is unread");

            assertTrue(Unblocker.unblock(ring, start));
            assertEquals(1, counters.unblocksVolatile());
            assertEquals(0, subscriber.poll((buffer, offset, length, header) -> { }, 10), "padding only");
            assertEquals(start + 64, subscriber.position());

            ringline.doWork();
            assertEquals(1, counters.publisherEvictionsVolatile(), "the dead slot freed and counted");
            assertEquals(0, counters.subscriberEvictionsVolatile());
            ringline.removeChannel(channel);
        }
    }
}
