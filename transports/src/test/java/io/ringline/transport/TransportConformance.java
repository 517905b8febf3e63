package io.ringline.transport;

import io.ringline.BufferClaim;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The contract every transport keeps, run once per transport by a subclass that says how to name a fresh channel
 * and what the mechanism can and cannot do. Subscribers are opened before publishers (a socket subscriber listens,
 * a FIFO reader must exist before a writer connects); a publisher is used once it says it is connected.
 */
@Timeout(120)
public abstract class TransportConformance
{
    protected Ringline ringline;
    protected final List<String> channels = new ArrayList<>();
    protected final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 20));

    /**
     * @return a channel URI nobody uses yet; the subclass may add parameters.
     */
    protected abstract String newChannel();

    /**
     * @return the longest message the channels of {@link #newChannel()} accept.
     */
    protected abstract int maxMessageLength();

    /**
     * @return true unless the mechanism may lose messages (UDP).
     */
    protected boolean reliable()
    {
        return true;
    }

    /**
     * @return true when a publisher that nobody reads from eventually returns BACK_PRESSURED (false for UDP).
     */
    protected boolean backPressures()
    {
        return true;
    }

    /**
     * @return true when messages of different types keep their order (false where the type is a priority).
     */
    protected boolean ordersAcrossTypes()
    {
        return true;
    }

    /**
     * @return the message types the transport carries in tests (signals carry fewer).
     */
    protected int[] types()
    {
        return new int[] {0, 1, 7, 42};
    }

    /**
     * @return how many messages the order test sends.
     */
    protected int messageCount()
    {
        return 20_000;
    }

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

    protected String channel()
    {
        final String channel = newChannel();
        channels.add(channel);
        return channel;
    }

    protected static Publisher awaitConnected(final Publisher publisher)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!publisher.isConnected())
        {
            assertTrue(System.nanoTime() < deadline, "publisher never connected: " + publisher.channel());
            Thread.yield();
        }
        return publisher;
    }

    protected static void offer(final Publisher publisher, final UnsafeBuffer buffer, final int length, final int type)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long result;
        while ((result = publisher.offer(buffer, 0, length, type)) < 0)
        {
            assertTrue(result == Publisher.BACK_PRESSURED || result == Publisher.NOT_CONNECTED ||
                result == Publisher.ADMIN_ACTION, "offer failed: " + Publisher.resultName(result));
            assertTrue(System.nanoTime() < deadline, "offer stuck at " + Publisher.resultName(result));
            Thread.yield();
        }
    }

    @Test
    void deliversMessagesInOrderWithTheirTypes() throws Exception
    {
        final String channel = channel();
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = awaitConnected(ringline.addPublisher(channel)))
        {
            final int count = messageCount();
            final int[] types = types();
            final long[] expected = {0};
            final MessageHandler checker = (buffer, offset, length, header) ->
            {
                final long sequence = buffer.getLong(offset);
                if (reliable())
                {
                    assertEquals(expected[0], sequence, "sequence");
                }
                else
                {
                    assertTrue(sequence >= expected[0], "no duplicate, no reorder: " + sequence);
                }
                assertEquals(types[(int)(sequence % types.length)], header.type(), "type");
                assertEquals(8 + (int)(sequence % 50), length, "length");
                expected[0] = sequence + 1;
            };
            int sent = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (expected[0] < count && System.nanoTime() < deadline)
            {
                if (sent < count)
                {
                    message.putLong(0, sent);
                    final long result = publisher.offer(message, 0, 8 + sent % 50, types[sent % types.length]);
                    if (result >= 0)
                    {
                        sent++;
                    }
                    else
                    {
                        assertTrue(result == Publisher.BACK_PRESSURED || result == Publisher.ADMIN_ACTION,
                            Publisher.resultName(result));
                    }
                }
                else if (subscriber.receive(checker, 64, TimeUnit.SECONDS.toNanos(1)) == 0 && !reliable())
                {
                    break; // the rest was lost
                }
                subscriber.poll(checker, 64);
            }
            if (reliable())
            {
                assertEquals(count, expected[0]);
            }
            else
            {
                assertTrue(expected[0] > 0, "some datagrams arrive");
            }
        }
    }

    @Test
    void refusesAMessageOverTheLimitNamingIt()
    {
        final String channel = channel();
        try (Subscriber ignored = ringline.addSubscriber(channel);
            Publisher publisher = awaitConnected(ringline.addPublisher(channel)))
        {
            final int max = maxMessageLength();
            assertEquals(max, publisher.maxMessageLength());
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> publisher.offer(message, 0, max + 1));
            assertTrue(ex.getMessage().contains(Integer.toString(max)), ex.getMessage());
            assertThrows(IllegalArgumentException.class, () -> publisher.offer(message, 0, 0));
        }
    }

    @Test
    void theLongestMessageArrivesWhole()
    {
        final String channel = channel();
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = awaitConnected(ringline.addPublisher(channel)))
        {
            final int max = maxMessageLength();
            for (int i = 0; i < max; i++)
            {
                message.putByte(i, (byte)(i * 7));
            }
            offer(publisher, message, max, types()[types().length - 1]);
            final int[] received = {-1};
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received[0] < 0 && System.nanoTime() < deadline)
            {
                subscriber.receive((buffer, offset, length, header) ->
                {
                    for (int i = 0; i < length; i++)
                    {
                        assertEquals((byte)(i * 7), buffer.getByte(offset + i), "byte " + i);
                    }
                    received[0] = length;
                }, 1, TimeUnit.SECONDS.toNanos(1));
                if (received[0] < 0 && !reliable())
                {
                    offer(publisher, message, max, types()[types().length - 1]);
                }
            }
            assertEquals(max, received[0]);
        }
    }

    @Test
    void aFullChannelBackPressuresThenMovesOn()
    {
        if (!backPressures())
        {
            return;
        }
        final String channel = channel();
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = awaitConnected(ringline.addPublisher(channel)))
        {
            long result;
            int accepted = 0;
            while ((result = publisher.offer(message, 0, 64, types()[0])) >= 0)
            {
                accepted++;
                assertTrue(accepted < 10_000_000, "never back-pressured");
            }
            assertEquals(Publisher.BACK_PRESSURED, result, Publisher.resultName(result));
            final int[] drained = {0};
            while (drained[0] < accepted)
            {
                assertTrue(subscriber.receive((b, o, l, h) -> drained[0]++, 256, TimeUnit.SECONDS.toNanos(10)) > 0,
                    "drained " + drained[0] + " of " + accepted);
            }
            offer(publisher, message, 64, types()[0]);
        }
    }

    @Test
    void closedEndsRefuseUseAndClaimsWork()
    {
        final String channel = channel();
        final Subscriber subscriber = ringline.addSubscriber(channel);
        final Publisher publisher = awaitConnected(ringline.addPublisher(channel));
        final BufferClaim claim = new BufferClaim();
        long result;
        while ((result = publisher.tryClaim(16, types()[0], claim)) < 0)
        {
            assertNotEquals(Publisher.CLOSED, result);
            Thread.yield();
        }
        claim.buffer().putLong(claim.offset(), 1234);
        claim.commit();
        final long[] value = {0};
        assertEquals(1, subscriber.receive((b, o, l, h) -> value[0] = b.getLong(o), 1, TimeUnit.SECONDS.toNanos(10)));
        assertEquals(1234, value[0]);

        publisher.close();
        subscriber.close();
        assertThrows(IllegalStateException.class, () -> publisher.offer(message, 0, 8));
        assertThrows(IllegalStateException.class, () -> subscriber.poll((b, o, l, h) -> { }, 1));
        publisher.close();
        subscriber.close();
    }

    @Test
    void aChildProcessPublishesToThisOne() throws Exception
    {
        final String channel = channel();
        final int count = 5_000;
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            ChildProcess child = ChildProcess.startJvm(ConformancePublisher.class, channel, Integer.toString(count),
                join(types())))
        {
            final long[] expected = {0};
            final int[] types = types();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (expected[0] < count && System.nanoTime() < deadline && !subscriber.isEndOfStream())
            {
                subscriber.receive((buffer, offset, length, header) ->
                {
                    final long sequence = buffer.getLong(offset);
                    assertTrue(reliable() ? sequence == expected[0] : sequence >= expected[0], "sequence " + sequence);
                    assertEquals(types[(int)(sequence % types.length)], header.type());
                    expected[0] = sequence + 1;
                }, 64, TimeUnit.MILLISECONDS.toNanos(200));
                if (!reliable() && !child.process().isAlive())
                {
                    break;
                }
            }
            if (reliable())
            {
                assertEquals(count, expected[0], child.output());
            }
            else
            {
                assertTrue(expected[0] > 0, child.output());
            }
            assertEquals(0, child.awaitExitCode(30_000), child.output());
        }
    }

    private static String join(final int[] values)
    {
        final StringBuilder builder = new StringBuilder();
        for (final int value : values)
        {
            builder.append(builder.length() == 0 ? "" : ",").append(value);
        }
        return builder.toString();
    }

    /** Child: {@code channel count types}: publishes sequenced messages once connected. */
    public static final class ConformancePublisher
    {
        public static void main(final String[] args) throws Exception
        {
            final String[] typeTexts = args[2].split(",");
            final int[] types = new int[typeTexts.length];
            for (int i = 0; i < types.length; i++)
            {
                types[i] = Integer.parseInt(typeTexts[i]);
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            try (Ringline ringline = Ringline.connect();
                Publisher publisher = awaitConnected(ringline.addPublisher(args[0])))
            {
                final int count = Integer.parseInt(args[1]);
                for (int i = 0; i < count; i++)
                {
                    buffer.putLong(0, i);
                    offer(publisher, buffer, 8 + i % 50, types[i % types.length]);
                }
                Thread.sleep(100); // let a datagram receiver drain before this process goes away
            }
            System.out.println("DONE");
        }
    }
}
