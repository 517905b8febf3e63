package io.ringline.transport.socket;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What the datagram sockets' own tests (UDP, Unix datagram) share beyond the transport suite: one fresh channel per
 * test, removed afterwards, a message buffer, a handler that counts what it is given, and no allocation in
 * {@code poll} and {@code offer}.
 */
@Timeout(60)
public abstract class DatagramSocketBehaviour
{
    protected Ringline ringline;
    protected String channel;
    protected final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 20));
    protected final long[] delivered = {0};
    protected final MessageHandler counter = (buffer, offset, length, header) -> delivered[0]++;

    /**
     * @return a channel URI nobody uses, without parameters.
     */
    protected abstract String newChannel();

    /**
     * @return parameters for the subscriber of the allocation test, e.g. {@code ?rcvbuf=1m}, or empty.
     */
    protected String allocationTestParameters()
    {
        return "";
    }

    /**
     * @return true unless the socket may drop messages (UDP).
     */
    protected abstract boolean reliable();

    @BeforeEach
    void connect()
    {
        channel = newChannel();
        ringline = Ringline.connect();
    }

    @AfterEach
    void cleanUp()
    {
        ringline.close();
        try (Ringline cleaner = Ringline.connect())
        {
            cleaner.removeChannel(channel);
        }
    }

    @Test
    void pollAndOfferAllocateNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        try (Subscriber subscriber = ringline.addSubscriber(channel + allocationTestParameters());
            Publisher publisher = ringline.addPublisher(channel))
        {
            for (int round = 0; round < 2; round++) // the first round warms up
            {
                final long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 20_000; i++)
                {
                    subscriber.poll(counter, 16);
                    SocketTests.offer(publisher, message, 8);
                    subscriber.poll(counter, 16);
                }
                final long allocated = threads.getThreadAllocatedBytes(thread) - before;
                if (round == 1)
                {
                    assertTrue(allocated < 1024, "allocated=" + allocated + " bytes in 20000 offers and polls");
                }
            }
            if (reliable())
            {
                assertEquals(40_000, delivered[0]);
            }
            else
            {
                assertTrue(delivered[0] > 20_000, "messages went through: " + delivered[0]);
            }
        }
    }
}
