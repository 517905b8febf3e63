package io.ringline.ring;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.memory.MappedFileMemory;
import io.ringline.os.ProcessIdentity;
import io.ringline.test.TestChannels;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Heartbeats and the liveness timeout, with time driven by hand (an injected clock and no conductor thread), two
 * instances standing for two processes.
 */
@Timeout(30)
class LivenessTest
{
    private static final long INTERVAL_MS = 100;
    private static final long TIMEOUT_MS = 1000;

    /**
     * Two instances in one JVM standing for two processes on one clock, a subscriber in one and a publisher in the
     * other on a 4 KiB ring the publisher has filled; closing removes the channel.
     */
    private static final class TwoProcesses implements AutoCloseable
    {
        final CachedNanoClock clock = new CachedNanoClock();
        final String channel = TestChannels.SHM.newChannel();
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        final Ringline subscribing;
        final Ringline publishing;
        final Subscriber subscriber;
        final Publisher publisher;

        TwoProcesses()
        {
            clock.update(TimeUnit.SECONDS.toNanos(1000));
            final String uri = TestChannels.with(channel, "capacity=4k");
            subscribing = Ringline.connect(context());
            publishing = Ringline.connect(context());
            subscriber = subscribing.addSubscriber(uri);
            publisher = publishing.addPublisher(uri);
            fill();
        }

        private Ringline.Context context()
        {
            return new Ringline.Context()
                .useConductorThread(false)
                .nanoClock(clock)
                .heartbeatIntervalMs(INTERVAL_MS)
                .livenessTimeoutMs(TIMEOUT_MS);
        }

        void fill()
        {
            long result;
            while ((result = publisher.offer(message, 0, 32)) >= 0)
            {
                // fill
            }
            assertEquals(Publisher.BACK_PRESSURED, result);
        }

        long offer()
        {
            return publisher.offer(message, 0, 32);
        }

        /**
         * @param ms       to advance the clock by, in steps of the heartbeat interval or less.
         * @param both     true when both conductors run at each step, false when only the publisher's does.
         */
        void run(final long ms, final boolean both)
        {
            for (long left = ms; left > 0; left -= INTERVAL_MS)
            {
                clock.advance(TimeUnit.MILLISECONDS.toNanos(Math.min(left, INTERVAL_MS)));
                if (both)
                {
                    subscribing.doWork();
                }
                publishing.doWork();
            }
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(subscriber, publisher, subscribing);
            publishing.removeChannel(channel);
            publishing.close();
        }
    }

    /**
     * Two instances in one JVM stand for two processes on one clock: the subscriber's conductor stops (its process is
     * stopped or frozen) while the publisher's goes on.
     */
    @Test
    void aSubscriberWhoseHeartbeatGoesStaleIsEvictedAndTold()
    {
        try (TwoProcesses two = new TwoProcesses())
        {
            // Heartbeats keep it alive however long it does not read.
            for (int i = 0; i < 50; i++)
            {
                two.run(INTERVAL_MS, true);
                assertEquals(Publisher.BACK_PRESSURED, two.offer());
            }

            // The subscriber's process stops beating; the publisher's watches on.
            two.run(TIMEOUT_MS - INTERVAL_MS, false);
            two.clock.advance(TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS - 1));
            assertEquals(Publisher.BACK_PRESSURED, two.offer(), "not yet stale");
            two.clock.advance(TimeUnit.MILLISECONDS.toNanos(2));
            assertEquals(Publisher.ADMIN_ACTION, two.offer(), "stale: evicted");
            assertEquals(Publisher.NOT_CONNECTED, two.offer());

            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> two.subscriber.poll((buffer, offset, length, header) -> { }, 10));
            assertTrue(ex.getMessage().contains("evicted"), ex.getMessage());
        }
    }

    /**
     * Issue 14: the whole machine stalls longer than the liveness timeout (a paused VM, whose CLOCK_MONOTONIC can
     * jump on resume, or both processes stopped): the first conductor to run again must not evict a peer whose
     * conductor had no chance to run either. Each peer gets a whole liveness timeout after the stall; one that stays
     * silent through it is evicted, as any other.
     */
    @Test
    void aStallOfTheWholeMachineEvictsNoLivePeer()
    {
        try (TwoProcesses two = new TwoProcesses())
        {
            two.run(20 * INTERVAL_MS, true);

            // Both stalled for three liveness timeouts; the publisher's process resumes first.
            two.clock.advance(TimeUnit.MILLISECONDS.toNanos(3 * TIMEOUT_MS));
            assertEquals(Publisher.BACK_PRESSURED, two.offer(), "a publisher that resumed before its conductor");
            assertEquals(0, two.publishing.doWork(), "nothing evicted by the first cycle after the stall");
            assertEquals(Publisher.BACK_PRESSURED, two.offer(), "the subscriber is not evicted");
            two.run(INTERVAL_MS, true);
            assertEquals(1, two.subscriber.poll((buffer, offset, length, header) -> { }, 1), "still subscribed");
            two.fill();

            // It beat again; now it stops for good and is evicted a liveness timeout after its last beat.
            for (int i = 0; i < TIMEOUT_MS / INTERVAL_MS; i++)
            {
                two.run(INTERVAL_MS, false);
                assertEquals(Publisher.BACK_PRESSURED, two.offer(), "not yet stale, i=" + i);
            }
            two.clock.advance(TimeUnit.MILLISECONDS.toNanos(1));
            assertEquals(Publisher.ADMIN_ACTION, two.offer(), "stale: evicted");
        }
    }

    @Test
    void aDeadOwnersSlotIsFreedByItsPidOnlyOnceItsHeartbeatIsNoLongerFresh() throws Exception
    {
        assertTrue(ProcessIdentity.isAlive(ProcessIdentity.selfPid(), ProcessIdentity.selfStartTime()));
        assertFalse(ProcessIdentity.isAlive(ProcessIdentity.selfPid(), ProcessIdentity.selfStartTime() + 1),
            "this pid with another start time is another process: no shortcut for it");
        final Process exited = new ProcessBuilder("true").start();
        assertEquals(0, exited.waitFor());
        try (TwoProcesses two = new TwoProcesses();
            MappedFileMemory file = MappedFileMemory.open(
                RingTransportProvider.path(ChannelUri.parse(two.channel), "/dev/shm")))
        {
            two.run(INTERVAL_MS, true);
            final AtomicBuffer meta = file.buffer();
            final SubscriberSlot slot = new SubscriberSlot();
            final int publisherSlots = meta.getInt(RingDescriptor.PUBLISHER_SLOT_COUNT_OFFSET);
            slot.wrap(meta, RingDescriptor.subscriberSlotsOffset(publisherSlots));
            assertEquals(SubscriberSlotDescriptor.ACTIVE, SubscriberSlotDescriptor.state(slot.stateWordVolatile()));
            slot.pid(exited.pid()); // its owner is now a process that has exited, whose heartbeat is fresh

            // Fresh (younger than three heartbeat intervals): alive without reading /proc, not evicted.
            two.run(2 * INTERVAL_MS, false);
            assertEquals(SubscriberSlotDescriptor.ACTIVE, SubscriberSlotDescriptor.state(slot.stateWordVolatile()),
                "a heartbeat two intervals old proves its owner alive");
            assertEquals(Publisher.BACK_PRESSURED, two.offer());

            // No longer fresh, far from the liveness timeout: the pid is read, the process is gone, the slot freed.
            two.run(2 * INTERVAL_MS, false);
            assertEquals(SubscriberSlotDescriptor.FREE, SubscriberSlotDescriptor.state(slot.stateWordVolatile()),
                "freed by its dead pid four intervals after its last beat, not a liveness timeout (" + TIMEOUT_MS +
                " ms) after it");
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
