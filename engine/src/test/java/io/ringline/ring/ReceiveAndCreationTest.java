package io.ringline.ring;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Blocking receive with an idle strategy, and many openers racing to create one channel.
 */
@Timeout(60)
class ReceiveAndCreationTest
{
    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void receiveWaitsForAMessageTimesOutAndReturnsWhenClosed(final TestChannels kind) throws Exception
    {
        final String channel = kind.newChannel();
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            final AtomicInteger type = new AtomicInteger();
            assertEquals(0, subscriber.receive((b, o, l, h) -> { }, 1, new BackoffIdleStrategy(),
                TimeUnit.MILLISECONDS.toNanos(50)), "nothing sent: times out with 0");

            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
            final Future<Long> sent = executor.submit(() ->
            {
                Thread.sleep(50);
                return publisher.offer(message, 0, 16, 5);
            });
            assertEquals(1, subscriber.receive((b, o, l, h) -> type.set(h.type()), 10));
            assertTrue(sent.get() > 0);
            assertEquals(5, type.get());

            final CountDownLatch waiting = new CountDownLatch(1);
            final Future<Integer> blocked = executor.submit(() ->
            {
                waiting.countDown();
                return subscriber.receive((b, o, l, h) -> { }, 1, new YieldingIdleStrategy(), Long.MAX_VALUE);
            });
            waiting.await();
            Thread.sleep(20);
            subscriber.close();
            assertEquals(0, blocked.get(10, TimeUnit.SECONDS), "closed while waiting: returns 0");
            ringline.removeChannel(channel);
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    /**
     * A busy-spinning receive reads the clock first after its first 64 empty awaits: it still gives up at its
     * deadline (late by microseconds, not by the timeout), and still takes a message that comes before it.
     */
    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void spinningReceiveKeepsItsDeadline(final TestChannels kind) throws Exception
    {
        final String channel = kind.newChannel();
        final String spinning = channel + (channel.indexOf('?') < 0 ? '?' : '&') + "wait=spin";
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(spinning);
            Publisher publisher = ringline.addPublisher(channel))
        {
            for (final long timeoutMs : new long[] { 1, 50 })
            {
                final long startNs = System.nanoTime();
                assertEquals(0, subscriber.receive((b, o, l, h) -> { }, 1, TimeUnit.MILLISECONDS.toNanos(timeoutMs)));
                final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                assertTrue(tookMs >= timeoutMs && tookMs < timeoutMs + 500,
                    () -> "timeout=" + timeoutMs + "ms took=" + tookMs + "ms");
            }

            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
            final Future<Long> sent = executor.submit(() ->
            {
                Thread.sleep(20);
                return publisher.offer(message, 0, 16, 7);
            });
            final AtomicInteger type = new AtomicInteger();
            assertEquals(1, subscriber.receive((b, o, l, h) -> type.set(h.type()), 1, TimeUnit.SECONDS.toNanos(10)));
            assertTrue(sent.get() > 0);
            assertEquals(7, type.get());
            ringline.removeChannel(channel);
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void manyOpenersRacingOnANewChannelGetOneWorkingChannel(final TestChannels kind) throws Exception
    {
        final String channel = with(kind.newChannel(), "capacity=64k");
        final int openers = 8;
        final ExecutorService executor = Executors.newFixedThreadPool(openers);
        final List<Ringline> instances = new ArrayList<>();
        final List<Future<Subscriber>> subscribers = new ArrayList<>();
        final CountDownLatch start = new CountDownLatch(1);
        try
        {
            // Separate Ringline instances map the channel separately, as separate processes would.
            for (int i = 0; i < openers; i++)
            {
                final Ringline ringline = Ringline.connect();
                instances.add(ringline);
                subscribers.add(executor.submit(() ->
                {
                    start.await();
                    return ringline.addSubscriber(channel);
                }));
            }
            start.countDown();
            for (final Future<Subscriber> subscriber : subscribers)
            {
                assertNotNull(subscriber.get(30, TimeUnit.SECONDS));
            }

            try (Ringline ringline = Ringline.connect();
                Publisher publisher = ringline.addPublisher(channel))
            {
                final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
                message.putLong(0, 77);
                assertTrue(publisher.offer(message, 0, 16) > 0);
                for (final Future<Subscriber> subscriber : subscribers)
                {
                    assertEquals(1, subscriber.get().poll((b, o, l, h) -> assertEquals(77, b.getLong(o)), 10),
                        "every opener sees the same channel");
                }
                ringline.removeChannel(channel);
            }
        }
        finally
        {
            instances.forEach(Ringline::close);
            executor.shutdownNow();
        }
    }
}
