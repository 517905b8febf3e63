package io.ringline.sync;

import io.ringline.memory.MappedFileMemory;
import io.ringline.process.ChildProcess;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The event count across real processes: no wake-up lost in thousands of ping-pong rounds, one signal waking every
 * waiter, timeouts.
 */
@Timeout(60)
class EventCountTest
{
    private static final int PING_EVENT_OFFSET = 0;
    private static final int PONG_EVENT_OFFSET = 64;
    private static final int PING_OFFSET = 128;
    private static final int PONG_OFFSET = 192;
    private static final int ROUNDS = 5_000;

    // A lost wake-up does not make a timed wait fail (it returns true at its deadline, the sequence having changed),
    // it makes it late. So both sides wait without limit, and a watchdog fails the test if any round hangs.
    @Test
    void aSignalAfterTheSequenceWasReadIsNeverMissedInThousandsOfCrossProcessRoundTrips() throws Exception
    {
        final Path path = SyncNames.SHM_DIRECTORY.resolve(SyncNames.PREFIX + SyncTestSupport.uniqueName());
        try (MappedFileMemory memory = MappedFileMemory.openOrCreate(path, 4096, 0600, (buffer) -> { });
            ChildProcess child = ChildProcess.startJvm(PongChild.class, path.toString()))
        {
            final AtomicBuffer buffer = memory.buffer();
            final EventCount ping = new EventCount().wrap(buffer, PING_EVENT_OFFSET);
            final EventCount pong = new EventCount().wrap(buffer, PONG_EVENT_OFFSET);
            child.awaitLine("ready", 20_000);
            final AtomicInteger round = new AtomicInteger();
            final CompletableFuture<Void> rounds = CompletableFuture.runAsync(() ->
            {
                for (int i = 1; i <= ROUNDS; i++)
                {
                    round.set(i);
                    buffer.putIntVolatile(PING_OFFSET, i);
                    ping.signal();
                    awaitValue(pong, buffer, PONG_OFFSET, i);
                }
            }, SyncTestSupport.daemon("ping"));
            try
            {
                rounds.get(40, TimeUnit.SECONDS);
            }
            catch (final TimeoutException ex)
            {
                pong.signal(); // let the stuck thread go
                fail("a wake-up was lost: stuck at round=" + round.get() + " of " + ROUNDS + "\n" + child.output());
            }
            assertEquals(0, child.awaitExitCode(20_000), child.output());
            assertEquals(0, ping.waiters(), "every waiter counted itself out");
            assertEquals(0, pong.waiters());
        }
        finally
        {
            MappedFileMemory.delete(path);
        }
    }

    @Test
    void oneSignalWakesEveryWaiterInEveryProcess() throws Exception
    {
        final String name = SyncTestSupport.uniqueName();
        try (NamedEventCount named = NamedEventCount.openOrCreate(name);
            ChildProcess child = ChildProcess.startJvm(WaitChild.class, name))
        {
            final EventCount event = named.event();
            final int threads = 3;
            final CountDownLatch sequencesRead = new CountDownLatch(threads);
            final List<CompletableFuture<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < threads; i++)
            {
                waiters.add(CompletableFuture.runAsync(() ->
                {
                    final int sequence = event.sequence();
                    sequencesRead.countDown();
                    event.await(sequence); // without limit: only a wake-up ends it
                }, SyncTestSupport.daemon("event-waiter")));
            }
            sequencesRead.await();
            child.awaitLine("waiting", 20_000);
            while (event.waiters() < threads + 1)
            {
                Thread.sleep(1); // all four asleep, so that the signal has to wake them
            }

            event.signal();

            try
            {
                CompletableFuture.allOf(waiters.toArray(new CompletableFuture<?>[0])).get(20, TimeUnit.SECONDS);
            }
            catch (final TimeoutException ex)
            {
                event.signal();
                fail("a waiter in this process was not woken");
            }
            child.awaitLine("woken", 20_000);
            assertEquals(0, child.awaitExitCode(20_000), child.output());
            assertEquals(0, event.waiters());
        }
        finally
        {
            NamedEventCount.unlink(name);
        }
    }

    @Test
    void waitsInterruptedBySignalsKeepWaitingForTheSignal() throws Exception
    {
        final EventCount event = new EventCount().wrap(new UnsafeBuffer(ByteBuffer.allocateDirect(64)), 0);
        try (SyncTestSupport.Interrupter interrupter = new SyncTestSupport.Interrupter())
        {
            final AtomicInteger tid = new AtomicInteger();
            final int sequence = event.sequence();
            final CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() ->
            {
                assertFalse(event.await(sequence, 1, TimeUnit.MILLISECONDS)); // loads everything first
                tid.set(currentTid());
                return event.await(sequence, 30, TimeUnit.SECONDS);
            }, SyncTestSupport.daemon("event-waiter"));
            interrupter.interruptThreeTimes(tid, waiter); // fails if the wait ends on EINTR
            event.signal();
            assertTrue(waiter.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void aWaitWithoutASignalTimesOutAndAStaleSequenceReturnsAtOnce()
    {
        final EventCount event = new EventCount().wrap(new UnsafeBuffer(ByteBuffer.allocateDirect(64)), 8);
        final int sequence = event.sequence();
        assertFalse(event.await(sequence, 100, TimeUnit.MILLISECONDS));
        assertFalse(event.await(sequence, 0, TimeUnit.MILLISECONDS));
        assertFalse(event.awaitNext(50, TimeUnit.MILLISECONDS));
        assertEquals(0, event.waiters());

        assertEquals(sequence + 1, event.signal());
        assertTrue(event.await(sequence, 10, TimeUnit.SECONDS), "signalled after the read: no sleep");
        event.await(sequence); // returns at once as well
        assertTrue(event.toString().contains("sequence=" + (sequence + 1)), event.toString());
    }

    @Test
    void wrappingChecksPlacement()
    {
        final EventCount event = new EventCount();
        assertThrows(IllegalStateException.class, event::signal, "not wrapped");
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> event.wrap(new UnsafeBuffer(new byte[64]), 0));
        assertTrue(ex.getMessage().contains("heap"), ex.getMessage());
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        ex = assertThrows(IllegalArgumentException.class, () -> event.wrap(direct, 2));
        assertTrue(ex.getMessage().contains("offset=2"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> event.wrap(direct, 60));
        assertTrue(ex.getMessage().contains("capacity=64"), ex.getMessage());
    }

    // Eventcount style: read the sequence, check the condition, wait on the sequence read.
    private static void awaitValue(final EventCount event, final AtomicBuffer buffer, final int offset, final int value)
    {
        while (true)
        {
            final int sequence = event.sequence();
            if (buffer.getIntVolatile(offset) == value)
            {
                return;
            }
            event.await(sequence);
        }
    }

    private static int currentTid()
    {
        try
        {
            return SyncTestSupport.currentTid();
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * Child: answers each ping with a pong, waiting on the ping event between rounds.
     */
    public static final class PongChild
    {
        /**
         * @param args the shared file.
         */
        public static void main(final String[] args)
        {
            try (MappedFileMemory memory = MappedFileMemory.open(Path.of(args[0])))
            {
                final AtomicBuffer buffer = memory.buffer();
                final EventCount ping = new EventCount().wrap(buffer, PING_EVENT_OFFSET);
                final EventCount pong = new EventCount().wrap(buffer, PONG_EVENT_OFFSET);
                System.out.println("ready");
                for (int round = 1; round <= ROUNDS; round++)
                {
                    awaitValue(ping, buffer, PING_OFFSET, round);
                    buffer.putIntVolatile(PONG_OFFSET, round);
                    pong.signal();
                }
            }
        }
    }

    /**
     * Child: reads the sequence of event NAME, prints "waiting", waits for one signal, prints "woken".
     */
    public static final class WaitChild
    {
        /**
         * @param args the name.
         */
        public static void main(final String[] args)
        {
            try (NamedEventCount named = NamedEventCount.open(args[0]))
            {
                final int sequence = named.event().sequence();
                System.out.println("waiting");
                named.event().await(sequence); // without limit: the test kills it if the wake-up is lost
                System.out.println("woken");
            }
        }
    }
}
