package io.ringline.transport.socket.unix;

import io.ringline.Publisher;
import io.ringline.Subscriber;
import io.ringline.transport.socket.DatagramDescriptor;
import io.ringline.transport.socket.DatagramSocketBehaviour;
import io.ringline.transport.socket.DatagramSubscriber;
import io.ringline.transport.socket.SocketTests;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Unix datagram sockets beyond the transport suite: NOT_CONNECTED until a subscriber binds and after it leaves, a
 * new subscriber found again, back-pressure without loss, the kernel's size limit, no allocation in poll.
 */
class UnixgramTransportTest extends DatagramSocketBehaviour
{
    @Override
    protected String newChannel()
    {
        return "unixgram:" + SocketTests.freshPath(".sock");
    }

    @Override
    protected boolean reliable()
    {
        return true;
    }

    @Test
    void notConnectedWithoutASubscriberThenFollowsEachNewOne()
    {
        try (Publisher publisher = ringline.addPublisher(channel))
        {
            assertFalse(publisher.isConnected());
            assertEquals(Publisher.NOT_CONNECTED, publisher.offer(message, 0, 8));
            for (int generation = 0; generation < 2; generation++)
            {
                try (Subscriber subscriber = ringline.addSubscriber(channel))
                {
                    SocketTests.offer(publisher, message, 8);
                    assertEquals(1, subscriber.receive(counter, 16, TimeUnit.SECONDS.toNanos(10)));
                }
                assertEquals(Publisher.NOT_CONNECTED, publisher.offer(message, 0, 8), "generation " + generation);
            }
        }
    }

    @Test
    void aFullReceiverBackPressuresAndLosesNothing()
    {
        try (DatagramSubscriber subscriber = (DatagramSubscriber)ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            int accepted = 0;
            long result;
            while ((result = publisher.offer(message, 0, 64)) > 0)
            {
                accepted++;
            }
            assertEquals(Publisher.BACK_PRESSURED, result, Publisher.resultName(result));
            for (int i = 0; i < 1_000; i++)
            {
                if (publisher.offer(message, 0, 64) > 0)
                {
                    accepted++;
                }
                subscriber.poll(counter, 1);
            }
            while (delivered[0] < accepted)
            {
                assertTrue(subscriber.receive(counter, 64, TimeUnit.SECONDS.toNanos(10)) > 0,
                    delivered[0] + " of " + accepted);
            }
            assertEquals(0, subscriber.lostMessages());
            assertEquals(0, subscriber.malformedDatagrams());
        }
    }

    @Test
    void aMaxMsgBeyondTheKernelsLimitIsRefusedNamingTheLimit()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ringline.addPublisher(channel + "?max-msg=15m"));
        assertTrue(ex.getMessage().contains("limit=") && ex.getMessage().contains(channel), ex.getMessage());
    }

    @Test
    void aLargerMaxMsgRaisesTheSendBuffer() throws IOException
    {
        // readString would read a sysctl file byte by byte, and a sysctl returns nothing past offset 0
        final int wmemMax = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/wmem_max")).get(0));
        final int length = 300_000;
        Assumptions.assumeTrue(2L * wmemMax - 32 >= length + DatagramDescriptor.HEADER_LENGTH,
            "net.core.wmem_max=" + wmemMax + " is too small for a " + length + "-byte unixgram message");
        try (Subscriber subscriber = ringline.addSubscriber(channel + "?max-msg=" + length);
            Publisher publisher = ringline.addPublisher(channel + "?max-msg=" + length))
        {
            message.setMemory(0, length, (byte)9);
            SocketTests.offer(publisher, message, length);
            final int[] size = {0};
            assertEquals(1, subscriber.receive((b, o, l, h) -> size[0] = l, 1, TimeUnit.SECONDS.toNanos(10)));
            assertEquals(length, size[0]);
        }
    }
}
