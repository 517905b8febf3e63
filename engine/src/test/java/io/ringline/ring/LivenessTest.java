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

import static org.junit.jupiter.api.Assertions.*;

/**
 * Heartbeats and the liveness timeout, with time driven by hand (an injected clock and no conductor thread).
 */
@Timeout(30)
class LivenessTest
{
    @Test
    void aSubscriberWhoseHeartbeatGoesStaleIsEvictedAndTold()
    {
        final CachedNanoClock clock = new CachedNanoClock();
        clock.update(TimeUnit.SECONDS.toNanos(1000));
        final Ringline.Context context = new Ringline.Context()
            .useConductorThread(false)
            .nanoClock(clock)
            .heartbeatIntervalMs(100)
            .livenessTimeoutMs(1000);
        final String channel = TestChannels.SHM.newChannel();
        final String uri = TestChannels.with(channel, "capacity=4k");
        try (Ringline ringline = Ringline.connect(context);
            Subscriber subscriber = ringline.addSubscriber(uri);
            Publisher publisher = ringline.addPublisher(uri))
        {
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            long result;
            while ((result = publisher.offer(message, 0, 32)) >= 0)
            {
                // fill
            }
            assertEquals(Publisher.BACK_PRESSURED, result);

            // Heartbeats keep it alive however long it does not read.
            for (int i = 0; i < 50; i++)
            {
                clock.advance(TimeUnit.MILLISECONDS.toNanos(100));
                ringline.doWork();
                assertEquals(Publisher.BACK_PRESSURED, publisher.offer(message, 0, 32));
            }

            // No heartbeat for longer than the liveness timeout: the next back-pressured offer evicts it.
            clock.advance(TimeUnit.MILLISECONDS.toNanos(999));
            assertEquals(Publisher.BACK_PRESSURED, publisher.offer(message, 0, 32), "not yet stale");
            clock.advance(TimeUnit.MILLISECONDS.toNanos(2));
            assertEquals(Publisher.ADMIN_ACTION, publisher.offer(message, 0, 32), "stale: evicted");
            assertEquals(Publisher.NOT_CONNECTED, publisher.offer(message, 0, 32));

            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> subscriber.poll((buffer, offset, length, header) -> { }, 10));
            assertTrue(ex.getMessage().contains("evicted"), ex.getMessage());
            ringline.removeChannel(channel);
        }
    }

    @Test
    void contextRejectsALivenessTimeoutShorterThanTwoHeartbeats()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Ringline.Context().heartbeatIntervalMs(500).livenessTimeoutMs(900).conclude());
        assertTrue(ex.getMessage().contains("livenessTimeoutMs=900") && ex.getMessage().contains("=500"),
            ex.getMessage());
    }
}
