package io.ringline;

import io.ringline.test.AllocationWindows;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The one forwarding loop: a refused offer is retried while running and given up to the stop policy when stopping
 * (thrown, or counted and reported); forwarding allocates nothing.
 */
@Timeout(60)
class ForwarderTest
{
    private final String channel = TestChannels.SHM.newChannel();
    private final String uri = TestChannels.with(channel, "capacity=64k");

    @Test
    void throwPolicyNamesTheChannelWhenStoppedWhileRefused()
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Subscriber slow = ringline.addSubscriber(uri);
            Publisher to = ringline.addExclusivePublisher(uri))
        {
            final Forwarder forwarder = new Forwarder(to, () -> false, Forwarder.StopPolicy.THROW);
            final UnsafeBuffer message = new UnsafeBuffer(new byte[1024]);
            while (to.offer(message, 0, message.capacity(), 1) > 0)
            {
                assertEquals(0, slow.position(), "the subscriber reads nothing, so the ring fills");
            }
            final RinglineException ex = assertThrows(RinglineException.class,
                () -> forwarder.forward(message, 0, message.capacity(), 1, 42));
            assertTrue(ex.getMessage().contains(channel) && ex.getMessage().contains("position=42") &&
                ex.getMessage().contains("when told to stop"), ex.getMessage());
            assertEquals(1, forwarder.givenUp());
        }
        finally
        {
            remove();
        }
    }

    @Test
    void countingPolicyIsToldOfEachMessageGivenUp()
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Subscriber slow = ringline.addSubscriber(uri);
            Publisher to = ringline.addExclusivePublisher(uri))
        {
            final AtomicLong reportedPosition = new AtomicLong(-1);
            final Forwarder forwarder = new Forwarder(to, () -> false,
                (publisher, result, sourcePosition) -> reportedPosition.set(sourcePosition));
            final UnsafeBuffer message = new UnsafeBuffer(new byte[1024]);
            long position = 0;
            while (forwarder.forward(message, 0, message.capacity(), 1, position) >= 0)
            {
                position++;
            }
            assertEquals(position, reportedPosition.get());
            assertEquals(position, forwarder.forwarded());
            assertEquals(1, forwarder.givenUp());
            assertEquals(0, forwarder.retries(), "not retried when stopping");
            assertEquals(0, slow.position(), "the subscriber reads nothing, so the ring fills");
        }
        finally
        {
            remove();
        }
    }

    @Test
    void forwardingAllocatesNothing()
    {
        final String from = TestChannels.SHM.newChannel();
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Subscriber source = ringline.addSubscriber(from);
            Publisher sourcePublisher = ringline.addExclusivePublisher(from);
            Subscriber sink = ringline.addSubscriber(uri);
            Publisher to = ringline.addExclusivePublisher(uri))
        {
            final Forwarder forwarder = new Forwarder(to, () -> true, Forwarder.StopPolicy.THROW);
            final MessageHandler forward =
                (buffer, offset, length, header) -> forwarder.forward(buffer, offset, length, header.type(),
                    header.position());
            final long[] delivered = new long[1];
            final MessageHandler count = (buffer, offset, length, header) -> delivered[0]++;
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final int messages = 100_000;
            final Runnable traffic = () ->
            {
                for (int i = 0; i < messages; i++)
                {
                    while (sourcePublisher.offer(message, 0, 64, 3) < 0)
                    {
                        Thread.onSpinWait();
                    }
                    while (source.poll(forward, 1) == 0)
                    {
                        Thread.onSpinWait();
                    }
                    while (sink.poll(count, 1) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            };
            traffic.run();
            final long[] windows = AllocationWindows.measure(traffic);
            assertEquals((1L + windows.length) * messages, delivered[0], "every message was forwarded");
            assertEquals(delivered[0], forwarder.forwarded());
            assertEquals(0, windows[windows.length - 1], "bytes allocated forwarding " + messages + " messages in " +
                "each window: " + Arrays.toString(windows));
        }
        finally
        {
            remove();
            try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false)))
            {
                ringline.removeChannel(from);
            }
        }
    }

    private void remove()
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false)))
        {
            ringline.removeChannel(channel);
        }
    }
}
