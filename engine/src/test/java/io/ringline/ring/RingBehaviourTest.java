package io.ringline.ring;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The ring's contract in one process, on every kind of shared memory: order, fan-out, wrap-around, back-pressure,
 * claims, types, fragmentation.
 */
@Timeout(60)
class RingBehaviourTest
{
    private final Ringline ringline = Ringline.connect();
    private final List<String> created = new ArrayList<>();
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 20));

    @AfterEach
    void tearDown()
    {
        ringline.close();
        try (Ringline cleaner = Ringline.connect())
        {
            created.forEach(cleaner::removeChannel);
        }
    }

    private String channel(final TestChannels kind, final String params)
    {
        final String channel = kind.newChannel();
        created.add(channel);
        return null == params ? channel : with(channel, params);
    }

    private static long offerUntilAccepted(final Publisher publisher, final UnsafeBuffer buffer, final int length,
        final int type)
    {
        for (int i = 0; i < 1_000_000; i++)
        {
            final long result = publisher.offer(buffer, 0, length, type);
            if (result >= 0)
            {
                return result;
            }
        }
        throw new AssertionError("offer never accepted, last result " + publisher.offer(buffer, 0, length, type));
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void deliversEveryMessageInOrderToEverySubscriberAcrossManyLaps(final TestChannels kind)
    {
        final String channel = channel(kind, "capacity=4k");
        try (Subscriber first = ringline.addSubscriber(channel);
            Subscriber second = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addExclusivePublisher(channel))
        {
            final long[] next = new long[2];
            final int count = 20_000;
            for (long sequence = 0; sequence < count; sequence++)
            {
                message.putLong(0, sequence);
                final int length = 8 + (int)(sequence % 97);
                while (publisher.offer(message, 0, length, 3) < 0)
                {
                    drain(first, next, 0);
                    drain(second, next, 1);
                }
            }
            while (next[0] < count || next[1] < count)
            {
                drain(first, next, 0);
                drain(second, next, 1);
            }
            assertEquals(count, next[0]);
            assertEquals(count, next[1]);
        }
    }

    private static void drain(final Subscriber subscriber, final long[] next, final int index)
    {
        subscriber.poll((buffer, offset, length, header) ->
        {
            assertEquals(next[index], buffer.getLong(offset), "sequence");
            assertEquals(8 + (int)(next[index] % 97), length, "length");
            assertEquals(3, header.type(), "type");
            next[index]++;
        }, 100);
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void fullRingBackPressuresThenProgressesWhenTheSlowSubscriberReads(final TestChannels kind)
    {
        final String channel = channel(kind, "capacity=4k");
        try (Subscriber slow = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            int accepted = 0;
            long result;
            while ((result = publisher.offer(message, 0, 32)) >= 0)
            {
                accepted++;
            }
            assertEquals(Publisher.BACK_PRESSURED, result, Publisher.resultName(result));
            assertEquals(4096 / 64, accepted, "a 4 KiB ring holds 64 records of 32-byte messages");

            assertEquals(10, slow.poll((buffer, offset, length, header) -> { }, 10));
            int more = 0;
            while (publisher.offer(message, 0, 32) >= 0)
            {
                more++;
            }
            assertEquals(10, more, "the space of exactly the 10 consumed records comes back");
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void publisherWithoutSubscriberIsNotConnectedAndWritesNothing(final TestChannels kind)
    {
        final String channel = channel(kind, null);
        try (Publisher publisher = ringline.addPublisher(channel))
        {
            assertFalse(publisher.isConnected());
            assertEquals(Publisher.NOT_CONNECTED, publisher.offer(message, 0, 16));
            assertEquals(0, publisher.position());
            try (Subscriber subscriber = ringline.addSubscriber(channel))
            {
                assertTrue(publisher.isConnected());
                assertTrue(publisher.offer(message, 0, 16) > 0);
                assertEquals(1, subscriber.poll((buffer, offset, length, header) -> { }, 10));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void selectiveReceiveDeliversOnlyTheRequestedTypesAndStillMovesOn(final TestChannels kind)
    {
        final String channel = channel(kind, "capacity=4k");
        try (Subscriber all = ringline.addSubscriber(channel);
            Subscriber some = ringline.addSubscriber(with(channel, "types=2,5"));
            Publisher publisher = ringline.addPublisher(channel))
        {
            final List<Integer> allTypes = new ArrayList<>();
            final List<Integer> someTypes = new ArrayList<>();
            for (int round = 0; round < 200; round++)
            {
                for (int type = 0; type < 7; type++)
                {
                    message.putInt(0, type);
                    offerUntilAccepted(publisher, message, 4, type);
                }
                all.poll((buffer, offset, length, header) -> allTypes.add(header.type()), 100);
                some.poll((buffer, offset, length, header) ->
                {
                    assertEquals(header.type(), buffer.getInt(offset));
                    someTypes.add(header.type());
                }, 100);
            }
            assertEquals(1400, allTypes.size());
            assertEquals(400, someTypes.size());
            assertTrue(someTypes.stream().allMatch(type -> type == 2 || type == 5));
            assertEquals(publisher.position(), some.position(), "the filtering subscriber consumed everything");
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void tryClaimCommitsInPlaceAndAbortIsSkipped(final TestChannels kind)
    {
        final String channel = channel(kind, "capacity=4k");
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addExclusivePublisher(channel))
        {
            final BufferClaim claim = new BufferClaim();
            final List<Long> received = new ArrayList<>();
            for (long i = 0; i < 1000; i++)
            {
                while (publisher.tryClaim(24, 9, claim) < 0)
                {
                    subscriber.poll((buffer, offset, length, header) -> received.add(buffer.getLong(offset)), 10);
                }
                claim.buffer().putLong(claim.offset(), i);
                if (i % 3 == 0)
                {
                    claim.abort();
                }
                else
                {
                    claim.commit();
                }
                assertThrows(IllegalStateException.class, claim::commit);
            }
            while (subscriber.poll((buffer, offset, length, header) -> received.add(buffer.getLong(offset)), 10) > 0)
            {
                // drain
            }
            assertEquals(666, received.size());
            assertTrue(received.stream().noneMatch(value -> value % 3 == 0));
            assertEquals(publisher.position(), subscriber.position());
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void fragmentsLongMessagesAndReassemblesThem(final TestChannels kind)
    {
        final String channel = channel(kind, "capacity=64k&max-msg=1000&max-fragmented=20000");
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            assertEquals(20000, publisher.maxMessageLength());
            for (int length : new int[] {1000, 1001, 2999, 20000})
            {
                for (int i = 0; i < length; i++)
                {
                    message.putByte(i, (byte)(i * 31 + length));
                }
                offerUntilAccepted(publisher, message, length, 4);
                final int expected = length;
                assertEquals(1, subscriber.poll((buffer, offset, received, header) ->
                {
                    assertEquals(expected, received);
                    assertEquals(4, header.type());
                    for (int i = 0; i < received; i++)
                    {
                        assertEquals((byte)(i * 31 + expected), buffer.getByte(offset + i), "byte " + i);
                    }
                }, 10));
            }
            final IllegalArgumentException tooLong =
                assertThrows(IllegalArgumentException.class, () -> publisher.offer(message, 0, 20001));
            assertTrue(tooLong.getMessage().contains("max-fragmented=20000"), tooLong.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void refusesLongMessagesWhenFragmentationIsOff(final TestChannels kind)
    {
        final String channel = channel(kind, "capacity=64k&max-msg=1000&max-fragmented=0");
        try (Subscriber ignored = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> publisher.offer(message, 0, 1001));
            assertTrue(ex.getMessage().contains("max-msg=1000"), ex.getMessage());
            assertTrue(publisher.offer(message, 0, 1000) > 0);
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void anExclusivePublisherExcludesEveryOtherPublisher(final TestChannels kind)
    {
        final String channel = channel(kind, null);
        try (Publisher exclusive = ringline.addExclusivePublisher(channel))
        {
            assertThrows(io.ringline.RinglineException.class, () -> ringline.addPublisher(channel));
            assertThrows(io.ringline.RinglineException.class, () -> ringline.addExclusivePublisher(channel));
            exclusive.close();
            try (Publisher first = ringline.addPublisher(channel); Publisher second = ringline.addPublisher(channel))
            {
                assertFalse(first.isClosed() || second.isClosed());
                assertThrows(io.ringline.RinglineException.class, () -> ringline.addExclusivePublisher(channel));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void closingASubscriberFreesItsSlotAndStopsHoldingPublishersBack(final TestChannels kind)
    {
        final String channel = channel(kind, "capacity=4k&subscribers=1");
        try (Publisher publisher = ringline.addPublisher(channel))
        {
            final Subscriber first = ringline.addSubscriber(channel);
            assertThrows(io.ringline.RinglineException.class, () -> ringline.addSubscriber(channel), "one slot");
            while (publisher.offer(message, 0, 32) >= 0)
            {
                // fill
            }
            first.close();
            assertThrows(IllegalStateException.class, () -> first.poll((b, o, l, h) -> { }, 1));
            try (Subscriber second = ringline.addSubscriber(channel))
            {
                assertTrue(publisher.offer(message, 0, 32) > 0, "the new subscriber joined at the tail");
                assertEquals(1, second.poll((buffer, offset, length, header) -> { }, 10));
            }
        }
    }
}
