package io.ringline.ring;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Subscribers that sleep in the kernel: woken by a publish, by a close, or by their timeout; and the errors of
 * asking to sleep on a channel that cannot wake anyone.
 */
@Timeout(60)
class WakeupTest
{
    @ParameterizedTest
    @ValueSource(strings = {"futex", "posixsem", "sysvsem"})
    void aSleepingSubscriberIsWokenByAPublishTimesOutAndReturnsOnClose(final String mode) throws Exception
    {
        final String channel = TestChannels.SHM.newChannel();
        final java.util.Set<String> wakeObjectsBefore = wakeObjects();
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Ringline ringline = Ringline.connect())
        {
            final Subscriber subscriber = ringline.addSubscriber(with(channel, "wait=" + mode));
            final Publisher publisher = ringline.addPublisher(channel);
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
            final AtomicInteger type = new AtomicInteger();

            assertEquals(0, subscriber.receive((b, o, l, h) -> { }, 1, TimeUnit.MILLISECONDS.toNanos(30)),
                "nothing published: the sleep times out");

            for (int i = 0; i < 20; i++)
            {
                final int expected = i;
                final Future<Long> sent = executor.submit(() ->
                {
                    Thread.sleep(expected % 3);
                    return publisher.offer(message, 0, 16, expected);
                });
                assertEquals(1, subscriber.receive((b, o, l, h) -> type.set(h.type()), 10, TimeUnit.SECONDS.toNanos(10)));
                assertTrue(sent.get() > 0);
                assertEquals(expected, type.get());
            }

            final CountDownLatch waiting = new CountDownLatch(1);
            final Future<Integer> asleep = executor.submit(() ->
            {
                waiting.countDown();
                return subscriber.receive((b, o, l, h) -> { }, 1);
            });
            waiting.await();
            Thread.sleep(50);
            subscriber.close();
            assertEquals(0, asleep.get(10, TimeUnit.SECONDS), "closed while asleep: wakes and returns 0");
            publisher.close();
            ringline.removeChannel(channel);
        }
        finally
        {
            executor.shutdownNow();
        }
        assertEquals(wakeObjectsBefore, wakeObjects(), "the channel's semaphores were removed with it");
        assertFalse(Files.exists(RingTransportProvider.path(io.ringline.ChannelUri.parse(channel), "/dev/shm")));
    }

    /** POSIX semaphores of channels (/dev/shm/sem.ringline-wake-*) and System V semaphore sets. */
    static java.util.Set<String> wakeObjects() throws Exception
    {
        final java.util.Set<String> objects = new java.util.TreeSet<>();
        try (var entries = Files.list(Path.of("/dev/shm")))
        {
            entries.map(entry -> entry.getFileName().toString())
                .filter(name -> name.startsWith("sem.ringline-wake-"))
                .forEach(objects::add);
        }
        final Process ipcs = new ProcessBuilder("ipcs", "-s").redirectErrorStream(true).start();
        new String(ipcs.getInputStream().readAllBytes()).lines()
            .filter(line -> line.startsWith("0x"))
            .map(line -> "sysv semid " + line.trim().split("\\s+")[1])
            .forEach(objects::add);
        ipcs.waitFor();
        return objects;
    }

    @Test
    void theChannelDefaultWaitModeAppliesToSubscribersThatDoNotChoose()
    {
        final String channel = TestChannels.FILE.newChannel();
        try (Ringline ringline = Ringline.connect();
            Publisher creator = ringline.addPublisher(with(channel, "wait=futex"));
            Subscriber subscriber = ringline.addSubscriber(channel))
        {
            assertEquals(WaitMode.FUTEX, ((RingSubscriber)subscriber).waitMode());
            assertTrue(creator.isConnected());
            ringline.removeChannel(channel);
        }
    }

    @Test
    void askingToSleepOnAChannelWithoutWakeupsIsAClearError()
    {
        final String channel = TestChannels.SHM.newChannel();
        try (Ringline ringline = Ringline.connect();
            Publisher ignored = ringline.addPublisher(channel))
        {
            final RinglineException ex = assertThrows(RinglineException.class,
                () -> ringline.addSubscriber(with(channel, "wait=futex")));
            assertTrue(ex.getMessage().contains("without wakeups") && ex.getMessage().contains("wait=futex"),
                ex.getMessage());
            final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ringline.addSubscriber(with(channel, "wait=nap")));
            assertTrue(bad.getMessage().contains("wait=nap"), bad.getMessage());
            final IllegalArgumentException contradiction = assertThrows(IllegalArgumentException.class,
                () -> ringline.addSubscriber(with(channel, "wait=futex&wakeups=false")));
            assertTrue(contradiction.getMessage().contains("wakeups=false"), contradiction.getMessage());
            ringline.removeChannel(channel);
        }
    }
}
