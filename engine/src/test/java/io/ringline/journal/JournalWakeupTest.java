package io.ringline.journal;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.test.AllocationWindows;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Journal subscribers that sleep ({@code wait=futex|posixsem|sysvsem}) on the ring's wake-up handshake: across
 * processes, a ping-pong of single messages in which each side sleeps for the other's next message, half of them
 * published only once the other side has counted itself a sleeper and half after a random pause (the race windows),
 * so a lost wake-up is a {@code receive} that times out; and the publisher's and the sleeper's paths allocate nothing.
 */
@Timeout(180)
class JournalWakeupTest
{
    static final int ROUNDS = 400;
    static final long RECEIVE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private Path pings;
    private Path pongs;

    @BeforeEach
    void directories()
    {
        final String id = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        pings = Path.of("/dev/shm", "ringline-journal-ping-" + id);
        pongs = Path.of("/dev/shm", "ringline-journal-pong-" + id);
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        JournalTestSupport.deleteTree(pings);
        JournalTestSupport.deleteTree(pongs);
    }

    @ParameterizedTest
    @ValueSource(strings = { "futex", "posixsem", "sysvsem" })
    void aSleepingSubscriberInAnotherProcessMissesNoWakeUp(final String wait) throws Exception
    {
        final String pingUri = "journal:" + pings + "?segment=64k";
        final String pongUri = "journal:" + pongs + "?segment=64k";
        long salt = 0;
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Subscriber subscriber = ringline.addSubscriber(pingUri + "&from=start&wait=" + wait);
            Publisher pong = ringline.addPublisher(pongUri);
            ChildProcess child = ChildProcess.startJvm(PingMain.class, pingUri, pongUri + "&from=start&wait=" + wait))
        {
            salt = ((JournalSubscriber)subscriber).journal().salt;
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final long[] received = { -1 };
            for (int round = 0; round < ROUNDS; round++)
            {
                final int got = subscriber.receive(
                    (DirectBuffer b, int offset, int length, Header header) -> received[0] = b.getLong(offset), 1,
                    RECEIVE_TIMEOUT_NS);
                assertEquals(1, got, "ping " + round + " never woke the sleeper (wait=" + wait + "): " +
                    child.output());
                assertEquals(round, received[0]);
                buffer.putLong(0, round);
                assertTrue(pong.offer(buffer, 0, 8, 1) > 0);
            }
            assertEquals(0, child.awaitExitCode(60_000), child.output());
            assertTrue(child.output().contains("pongs " + ROUNDS), child.output());
        }
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false)))
        {
            assertTrue(ringline.removeChannel("journal:" + pings));
            assertTrue(ringline.removeChannel("journal:" + pongs));
        }
        if ("posixsem".equals(wait))
        {
            assertFalse(Files.exists(Path.of("/dev/shm", "sem.ringline-wake-" + Long.toHexString(salt))),
                "removing the journal removes its semaphore");
        }
    }

    /**
     * The other side: publishes a ping, then sleeps for its pong. Even pings go only once the parent has counted
     * itself a sleeper; odd ones after a random pause of up to 200 µs.
     */
    static final class PingMain
    {
        public static void main(final String[] args)
        {
            try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
                Publisher ping = ringline.addPublisher(args[0]);
                Subscriber pongs = ringline.addSubscriber(args[1]))
            {
                final Journal journal = ((JournalPublisher)ping).journal();
                final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
                final long[] received = { -1 };
                int count = 0;
                for (int round = 0; round < ROUNDS; round++)
                {
                    if ((round & 1) == 0)
                    {
                        final long deadline = System.nanoTime() + RECEIVE_TIMEOUT_NS;
                        while (journal.meta.getIntVolatile(JournalDescriptor.SLEEPERS_OFFSET) == 0 &&
                            System.nanoTime() < deadline)
                        {
                            Thread.onSpinWait();
                        }
                    }
                    else
                    {
                        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000));
                    }
                    buffer.putLong(0, round);
                    if (ping.offer(buffer, 0, 8, 1) < 0)
                    {
                        System.out.println("refused " + round);
                        System.exit(3);
                    }
                    if (pongs.receive((b, offset, length, header) -> received[0] = b.getLong(offset), 1,
                        RECEIVE_TIMEOUT_NS) != 1 || received[0] != round)
                    {
                        System.out.println("pong " + round + " lost, got " + received[0]);
                        System.exit(2);
                    }
                    count++;
                }
                System.out.println("pongs " + count);
            }
        }
    }

    @Test
    void publishingToASleeperAndSleepingAllocateNothing() throws Exception
    {
        final String uri = "journal:" + pings + "?segment=64m";
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Publisher publisher = ringline.addPublisher(uri);
            Subscriber subscriber = ringline.addSubscriber(uri + "&from=start&wait=futex"))
        {
            final Journal journal = ((JournalPublisher)publisher).journal();
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final AtomicLong delivered = new AtomicLong();
            final MessageHandler handler = (b, offset, length, header) -> delivered.lazySet(b.getLong(offset));
            final long[] sleeperWindows = { -1 };
            final AtomicBoolean stop = new AtomicBoolean();
            final int perWindow = 2_000;
            final Runnable sleeping = () ->
            {
                for (int i = 0; i < perWindow; i++)
                {
                    subscriber.receive(handler, 1, RECEIVE_TIMEOUT_NS);
                }
            };
            final Thread sleeper = new Thread(() ->
            {
                sleeping.run();
                sleeping.run();
                final long[] windows = AllocationWindows.measure(sleeping);
                sleeperWindows[0] = windows[windows.length - 1];
                while (!stop.get())
                {
                    subscriber.receive(handler, 1, TimeUnit.MILLISECONDS.toNanos(10));
                }
            });
            sleeper.start();
            // The publisher's side: every offer finds the subscriber counted as a sleeper, so each pays the wake-up.
            final long[] counter = { 0 };
            final Runnable waking = () ->
            {
                for (int i = 0; i < perWindow; i++)
                {
                    while (journal.meta.getIntVolatile(JournalDescriptor.SLEEPERS_OFFSET) == 0 && !stop.get())
                    {
                        Thread.onSpinWait();
                    }
                    message.putLong(0, ++counter[0]);
                    publisher.offer(message, 0, 8, 1);
                    while (delivered.get() != counter[0] && !stop.get())
                    {
                        Thread.onSpinWait();
                    }
                }
            };
            waking.run();
            waking.run();
            final long[] windows = AllocationWindows.measure(waking);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sleeper.isAlive() && sleeperWindows[0] < 0 && System.nanoTime() < deadline)
            {
                waking.run(); // whatever windows the sleeper still measures
            }
            stop.set(true);
            sleeper.join();
            assertEquals(0, windows[windows.length - 1], "bytes the publisher allocated waking a sleeper " +
                perWindow + " times, in each window: " + Arrays.toString(windows));
            assertEquals(0, sleeperWindows[0], "bytes the sleeper allocated sleeping and waking " + perWindow +
                " times, in its last window");
        }
    }
}
