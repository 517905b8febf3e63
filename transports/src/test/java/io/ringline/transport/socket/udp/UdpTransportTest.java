package io.ringline.transport.socket.udp;

import io.ringline.Publisher;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.transport.socket.DatagramSocketBehaviour;
import io.ringline.transport.socket.DatagramSubscriber;
import io.ringline.transport.socket.SocketTests;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * UDP beyond the transport suite: loss counted from sequence gaps, stray datagrams dropped, several publishers,
 * NOT_CONNECTED from ICMP, address in use, malformed URIs, no allocation in poll.
 */
class UdpTransportTest extends DatagramSocketBehaviour
{
    @Override
    protected String newChannel()
    {
        return "udp://127.0.0.1:" + SocketTests.freeUdpPort();
    }

    @Override
    protected boolean reliable()
    {
        return false;
    }

    @Override
    protected String allocationTestParameters()
    {
        return "?rcvbuf=1m";
    }

    private void drain(final Subscriber subscriber)
    {
        while (subscriber.receive(counter, 256, TimeUnit.MILLISECONDS.toNanos(200)) > 0)
        {
            Thread.yield();
        }
    }

    @Test
    void messagesDroppedByAFullReceiveBufferAreCountedAsLost()
    {
        try (DatagramSubscriber subscriber = (DatagramSubscriber)ringline.addSubscriber(channel + "?rcvbuf=4k");
            Publisher publisher = ringline.addPublisher(channel))
        {
            final int burst = 2_000;
            for (int i = 0; i < burst; i++)
            {
                assertTrue(publisher.offer(message, 0, 1000) > 0, "UDP sends without waiting");
            }
            drain(subscriber);
            assertEquals(0, subscriber.lostMessages(), "the buffer filled, then the rest of the burst was dropped");
            SocketTests.offer(publisher, message, 8); // a later message reveals the loss at the tail of the burst
            assertEquals(1, subscriber.receive(counter, 1, TimeUnit.SECONDS.toNanos(10)));
            assertTrue(subscriber.lostMessages() > 0, "a 4 KiB receive buffer cannot hold 2000 KB");
            assertEquals(burst + 1, delivered[0] + subscriber.lostMessages(),
                "delivered=" + delivered[0] + " lost=" + subscriber.lostMessages());
            assertEquals(0, subscriber.malformedDatagrams());
        }
    }

    @Test
    void strayDatagramsAreDroppedAndCounted() throws Exception
    {
        try (DatagramSubscriber subscriber = (DatagramSubscriber)ringline.addSubscriber(channel);
            DatagramSocket stray = new DatagramSocket(0, InetAddress.getByName("127.0.0.1")))
        {
            final int port = Integer.parseInt(channel.substring(channel.lastIndexOf(':') + 1));
            final byte[] text = "hello from netcat\n".getBytes();
            stray.send(new DatagramPacket(text, text.length, InetAddress.getByName("127.0.0.1"), port));
            stray.send(new DatagramPacket(new byte[0], 0, InetAddress.getByName("127.0.0.1"), port));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (subscriber.malformedDatagrams() < 2)
            {
                assertTrue(System.nanoTime() < deadline, "malformed=" + subscriber.malformedDatagrams());
                assertEquals(0, subscriber.receive(counter, 16, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            assertEquals(0, delivered[0]);
            assertEquals(0, subscriber.lostMessages());
        }
    }

    @Test
    void interleavedPublishersAreNotMistakenForLoss()
    {
        try (DatagramSubscriber subscriber = (DatagramSubscriber)ringline.addSubscriber(channel + "?rcvbuf=1m");
            Publisher first = ringline.addPublisher(channel);
            Publisher second = ringline.addPublisher(channel))
        {
            for (int i = 0; i < 100; i++)
            {
                SocketTests.offer(first, message, 16);
                SocketTests.offer(second, message, 16);
                SocketTests.offer(second, message, 16);
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (delivered[0] + subscriber.lostMessages() < 300 && System.nanoTime() < deadline)
            {
                subscriber.receive(counter, 64, TimeUnit.MILLISECONDS.toNanos(100));
            }
            assertEquals(300, delivered[0]);
            assertEquals(0, subscriber.lostMessages());
        }
    }

    @Test
    void aPublisherWithNoReceiverLearnsItFromIcmp()
    {
        try (Publisher publisher = ringline.addPublisher(channel))
        {
            assertTrue(publisher.isConnected(), "UDP cannot know beforehand");
            SocketTests.offerUntil(publisher, message, 8, Publisher.NOT_CONNECTED);
        }
    }

    @Test
    void aSecondSubscriberIsAddressInUse()
    {
        try (Subscriber ignored = ringline.addSubscriber(channel))
        {
            final RinglineException ex = assertThrows(RinglineException.class, () -> ringline.addSubscriber(channel));
            assertTrue(ex.getMessage().contains(channel) && ex.getMessage().contains("in use"), ex.getMessage());
        }
        ringline.addSubscriber(channel).close(); // the port was released
    }

    @Test
    void malformedUrisAreRefusedNamingTheUri()
    {
        for (final String scheme : List.of("udp", "tcp"))
        {
            for (final String uri : List.of(
                scheme + ":127.0.0.1:9000",
                scheme + "://127.0.0.1",
                scheme + "://127.0.0.1:",
                scheme + "://:9000",
                scheme + "://127.0.0.1:0",
                scheme + "://127.0.0.1:65536",
                scheme + "://127.0.0.1:90x",
                scheme + "://127.0.0.1:9000/path",
                scheme + "://::1:9000",
                scheme + "://[::1:9000",
                scheme + "://127.0.0.1:9000?max-msg=0",
                scheme + "://127.0.0.1:9000?colour=blue"))
            {
                final IllegalArgumentException subscriberEx = assertThrows(IllegalArgumentException.class,
                    () -> ringline.addSubscriber(uri), uri);
                assertTrue(subscriberEx.getMessage().contains(uri), subscriberEx.getMessage());
                final IllegalArgumentException publisherEx = assertThrows(IllegalArgumentException.class,
                    () -> ringline.addPublisher(uri), uri);
                assertTrue(publisherEx.getMessage().contains(uri), publisherEx.getMessage());
            }
        }
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ringline.addPublisher("udp://127.0.0.1:70000"));
        assertTrue(ex.getMessage().contains("port=70000 must be 1 to 65535"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ringline.addPublisher(channel + "?max-msg=65488"));
        assertThrows(IllegalArgumentException.class, () -> ringline.addPublisher(channel + "?framing=line"));
    }
}
