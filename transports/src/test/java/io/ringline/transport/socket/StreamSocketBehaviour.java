package io.ringline.transport.socket;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ringline.transport.socket.SocketTests.offer;
import static io.ringline.transport.socket.SocketTests.offerUntil;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What the stream sockets (Unix, TCP) do beyond the transport suite: connecting lazily, end of stream per
 * publisher, EPIPE as CLOSED, one publisher at a time, whole frames under back-pressure, no allocation in poll.
 */
@Timeout(60)
public abstract class StreamSocketBehaviour
{
    protected Ringline ringline;
    protected final List<String> channels = new ArrayList<>();
    protected final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 20));
    private final List<String> received = new ArrayList<>();
    private final List<Long> positions = new ArrayList<>();
    private final MessageHandler collector = (buffer, offset, length, header) ->
    {
        received.add(buffer.getStringWithoutLengthAscii(offset, length));
        positions.add(header.position());
    };

    /**
     * @param params URI parameters, e.g. {@code ?framing=line}, or empty.
     * @return a channel URI nobody uses.
     */
    protected abstract String newChannel(String params);

    /**
     * @return a message length that the kernel takes only in part when the socket is nearly full.
     */
    protected abstract int splitMessageLength();

    @BeforeEach
    void connect()
    {
        ringline = Ringline.connect();
    }

    @AfterEach
    void cleanUp()
    {
        ringline.close();
        try (Ringline cleaner = Ringline.connect())
        {
            channels.forEach(cleaner::removeChannel);
        }
    }

    protected String channel(final String params)
    {
        final String channel = newChannel(params);
        channels.add(channel);
        return channel;
    }

    private int text(final String text)
    {
        return message.putStringWithoutLengthAscii(0, text);
    }

    private void receiveCount(final Subscriber subscriber, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received.size() < count)
        {
            assertTrue(System.nanoTime() < deadline, "received " + received);
            subscriber.receive(collector, 16, TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    @Test
    void aPublisherIsNotConnectedUntilTheSubscriberListensThenDelivers()
    {
        final String channel = channel("");
        try (Publisher publisher = ringline.addPublisher(channel))
        {
            assertFalse(publisher.isConnected());
            assertEquals(Publisher.NOT_CONNECTED, publisher.offer(message, 0, text("early")));
            assertEquals(Publisher.NOT_CONNECTED, publisher.offer(message, 0, text("early")));
            try (Subscriber subscriber = ringline.addSubscriber(channel))
            {
                offer(publisher, message, text("first"));
                receiveCount(subscriber, 1);
                assertEquals(List.of("first"), received);
            }
        }
    }

    @Test
    void aPublisherThatClosesEndsTheStreamAfterItsLastMessage()
    {
        final String channel = channel("");
        try (Subscriber subscriber = ringline.addSubscriber(channel))
        {
            try (Publisher publisher = ringline.addPublisher(channel))
            {
                offer(publisher, message, text("last words"));
            }
            assertFalse(subscriber.isEndOfStream());
            receiveCount(subscriber, 1);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!subscriber.isEndOfStream())
            {
                assertTrue(System.nanoTime() < deadline, "no end of stream");
                assertEquals(0, subscriber.receive(collector, 16, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            assertEquals(0, subscriber.receive(collector, 16), "receive without a timeout returns at the end");
            assertEquals(0, subscriber.poll(collector, 16));
            assertEquals(List.of("last words"), received);
        }
    }

    @Test
    void aKilledPublisherProcessEndsTheStream() throws Exception
    {
        final String channel = channel("");
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            ChildProcess child = ChildProcess.startJvm(SendThenWait.class, channel, "3"))
        {
            child.awaitLine("SENT", 30_000);
            receiveCount(subscriber, 3);
            assertFalse(subscriber.isEndOfStream());
            child.kill();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!subscriber.isEndOfStream())
            {
                assertTrue(System.nanoTime() < deadline, "no end of stream after SIGKILL");
                subscriber.receive(collector, 16, TimeUnit.MILLISECONDS.toNanos(100));
            }
            assertEquals(List.of("m0", "m1", "m2"), received);
        }
    }

    @Test
    void aPublisherWhoseSubscriberClosedGetsClosedNotAnException()
    {
        final String channel = channel("");
        final Subscriber subscriber = ringline.addSubscriber(channel);
        try (Publisher publisher = ringline.addPublisher(channel))
        {
            offer(publisher, message, text("one"));
            receiveCount(subscriber, 1);
            subscriber.close();
            offerUntil(publisher, message, text("into the void"), Publisher.CLOSED);
            assertEquals(Publisher.CLOSED, publisher.offer(message, 0, text("again")));
            assertFalse(publisher.isConnected());
        }
    }

    @Test
    void aSubscriberClosedBeforeAcceptingStillGivesClosed()
    {
        final String channel = channel("");
        final Subscriber subscriber = ringline.addSubscriber(channel);
        try (Publisher publisher = ringline.addPublisher(channel))
        {
            offer(publisher, message, text("queued, never accepted"));
            subscriber.close();
            offerUntil(publisher, message, text("into the void"), Publisher.CLOSED);
        }
    }

    @Test
    void publishersAreServedOneAtATimeAndPositionsRunOn()
    {
        final String channel = channel("");
        try (Subscriber subscriber = ringline.addSubscriber(channel))
        {
            final Publisher first = ringline.addPublisher(channel);
            offer(first, message, text("a1"));
            receiveCount(subscriber, 1);
            try (Publisher second = ringline.addPublisher(channel))
            {
                offer(second, message, text("b1"));
                offer(first, message, text("a2"));
                receiveCount(subscriber, 2);
                assertEquals(List.of("a1", "a2"), received, "the second publisher waits its turn");
                first.close();

                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!subscriber.isEndOfStream())
                {
                    assertTrue(System.nanoTime() < deadline, "no end of stream after the first publisher closed");
                    assertEquals(0, subscriber.receive(collector, 16, TimeUnit.MILLISECONDS.toNanos(100)));
                }
                assertEquals(List.of("a1", "a2"), received, "the call that reaches the end delivers nothing");

                receiveCount(subscriber, 3); // the next call accepts the second publisher
                assertFalse(subscriber.isEndOfStream(), "serving the second publisher");
                offer(second, message, text("b2"));
                receiveCount(subscriber, 4);
            }
            assertEquals(List.of("a1", "a2", "b1", "b2"), received);
            for (int i = 1; i < positions.size(); i++)
            {
                assertTrue(positions.get(i) > positions.get(i - 1), "positions " + positions);
            }
            assertEquals(positions.get(positions.size() - 1), subscriber.position());
        }
    }

    @Test
    void aSecondSubscriberIsAddressInUseNamingTheChannel()
    {
        final String channel = channel("");
        try (Subscriber ignored = ringline.addSubscriber(channel))
        {
            final RinglineException ex = assertThrows(RinglineException.class, () -> ringline.addSubscriber(channel));
            assertTrue(ex.getMessage().contains(channel), ex.getMessage());
            assertTrue(ex.getMessage().toLowerCase().contains("in use"), ex.getMessage());
        }
    }

    @Test
    void framesTheKernelTookInPartArriveWhole()
    {
        final int length = splitMessageLength();
        final String channel = channel("?max-msg=" + length);
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            int accepted = 0;
            long result;
            while (true)
            {
                fill(accepted, length);
                result = publisher.offer(message, 0, length);
                if (result < 0)
                {
                    break;
                }
                accepted++;
                assertTrue(accepted < 100_000, "never back-pressured");
            }
            assertEquals(Publisher.BACK_PRESSURED, result, Publisher.resultName(result));
            final int[] checked = {0};
            final MessageHandler checker = (buffer, offset, size, header) ->
            {
                assertEquals(length, size);
                for (int i = 0; i < size; i += 997)
                {
                    assertEquals((byte)(checked[0] * 31 + i), buffer.getByte(offset + i), "message " + checked[0]);
                }
                checked[0]++;
            };
            while (checked[0] < accepted)
            {
                assertTrue(subscriber.receive(checker, 16, TimeUnit.SECONDS.toNanos(10)) > 0,
                    "received " + checked[0] + " of " + accepted);
            }
            fill(accepted, length);
            offer(publisher, message, length);
            assertEquals(1, subscriber.receive(checker, 16, TimeUnit.SECONDS.toNanos(10)));
        }
    }

    private void fill(final int sequence, final int length)
    {
        for (int i = 0; i < length; i += 997)
        {
            message.putByte(i, (byte)(sequence * 31 + i));
        }
    }

    @Test
    void lineFramingCarriesLinesBetweenRinglineEnds()
    {
        final String channel = channel("?framing=line");
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            offer(publisher, message, text("alpha"));
            offer(publisher, message, text("beta"));
            receiveCount(subscriber, 2);
            assertEquals(List.of("alpha", "beta"), received);
        }
    }

    @Test
    void pollAndOfferAllocateNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final String channel = channel("");
        final long[] count = {0};
        final MessageHandler counter = (buffer, offset, length, header) -> count[0]++;
        try (Subscriber subscriber = ringline.addSubscriber(channel))
        {
            for (int round = 0; round < 2; round++) // nobody to accept; the first round warms up
            {
                final long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 20_000; i++)
                {
                    subscriber.poll(counter, 16);
                }
                final long allocated = threads.getThreadAllocatedBytes(thread) - before;
                if (round == 1)
                {
                    assertTrue(allocated < 1024, "allocated=" + allocated + " bytes in 20000 polls, not connected");
                }
            }
        }
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            message.putLong(0, 42);
            offer(publisher, message, 8);
            assertEquals(1, subscriber.receive(counter, 16, TimeUnit.SECONDS.toNanos(10)));
            for (int round = 0; round < 2; round++) // the first round warms up
            {
                final long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 20_000; i++)
                {
                    subscriber.poll(counter, 16); // nothing there
                    if (publisher.offer(message, 0, 8) > 0)
                    {
                        while (subscriber.poll(counter, 16) == 0)
                        {
                            Thread.onSpinWait();
                        }
                    }
                }
                final long allocated = threads.getThreadAllocatedBytes(thread) - before;
                if (round == 1)
                {
                    assertTrue(allocated < 1024, "allocated=" + allocated + " bytes in 20000 offers and polls");
                }
            }
            assertTrue(count[0] > 20_000, "messages went through: " + count[0]);
        }
    }

    /** Child: {@code channel count}: sends m0..m(count-1), prints SENT, then waits to be killed. */
    public static final class SendThenWait
    {
        public static void main(final String[] args) throws Exception
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            try (Ringline ringline = Ringline.connect();
                Publisher publisher = ringline.addPublisher(args[0]))
            {
                for (int i = 0; i < Integer.parseInt(args[1]); i++)
                {
                    final byte[] bytes = ("m" + i).getBytes(StandardCharsets.US_ASCII);
                    buffer.putBytes(0, bytes);
                    offer(publisher, buffer, bytes.length);
                }
                System.out.println("SENT");
                Thread.sleep(60_000);
            }
        }
    }
}
