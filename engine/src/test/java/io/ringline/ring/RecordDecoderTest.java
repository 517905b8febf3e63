package io.ringline.ring;

import io.ringline.Header;
import io.ringline.MessageHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.ringline.ring.RecordDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The one record decoder, for a subscriber and for a reader without a slot: the same corrupt-record rule for both
 * (an exception naming the channel and the record's position, and the decoder stays there), what a reassembled
 * message's header reports, and how a reader without a slot survives being lapped.
 */
@Timeout(60)
class RecordDecoderTest
{
    private static final int CAPACITY = MemoryRing.SMALL_CAPACITY;
    private static final int MAX_MSG = MemoryRing.SMALL_MAX_MSG;
    private static final int MAX_FRAGMENTED = MemoryRing.SMALL_MAX_FRAGMENTED;

    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_FRAGMENTED));
    private final RingChannel channel = MemoryRing.create(MemoryRing.SMALL_RING + "&timestamps=true");
    private final RingSubscriber subscriber = MemoryRing.subscriber(channel, WaitMode.SPIN);
    private final RingPublisher publisher = MemoryRing.publisher(channel, true);

    @Test
    void aFrameLengthPastTheEndOfTheRingIsCorruptForEveryReader()
    {
        publish(8);
        publish(8);
        channel.data.putInt(64 + FRAME_LENGTH_OFFSET, CAPACITY);
        assertCorruptAt(64, "corrupt record in channel=memory at position=64: frameLength=4096");
    }

    @Test
    void aPayloadOverMaxMsgIsCorruptForEveryReader()
    {
        publish(8);
        channel.data.putInt(FRAME_LENGTH_OFFSET, HEADER_LENGTH + MAX_MSG + 1);
        assertCorruptAt(0, "corrupt record in channel=memory at position=0: frameLength=289");
    }

    @Test
    void aFragmentRunOverMaxFragmentedIsCorruptForEveryReader()
    {
        publish(1000); // four fragments: 256, 256, 256, 232 bytes; 4 x 288 bytes in the ring
        final long second = publish(1000);
        assertEquals(1152, second);
        channel.data.putByte((int)second - 288 + FLAGS_OFFSET, (byte)0); // the first message's END
        channel.data.putByte((int)second + FLAGS_OFFSET, (byte)0); // the second message's BEGIN
        assertCorruptAt(second, "corrupt fragmented message in channel=memory at position=1152: length=1256 " +
            "exceeds max-fragmented=1024");
    }

    @Test
    void aReassembledMessageReportsItsLastFragment()
    {
        message.setMemory(0, 1000, (byte)7);
        assertTrue(publisher.offer(message, 0, 1000, 42) > 0);
        for (int fragment = 0; fragment < 4; fragment++) // mark each fragment's fields, to see whose are reported
        {
            channel.data.putInt(fragment * 288 + TYPE_OFFSET, 40 + fragment);
            channel.data.putInt(fragment * 288 + PUBLISHER_OFFSET, 10 + fragment);
            channel.data.putLong(fragment * 288 + TIMESTAMP_OFFSET, 1000 + fragment);
        }

        for (final RecordDecoder decoder : List.of(readerFromStart(), new RecordDecoder(channel, "memory", null, 0)))
        {
            final List<String> seen = new ArrayList<>();
            assertEquals(1, decoder.poll((buffer, offset, length, header) -> seen.add("length=" + length +
                " type=" + header.type() + " position=" + header.position() + " timestampNs=" + header.timestampNs() +
                " publisherId=" + header.publisherId()), 10));
            assertEquals(List.of("length=1000 type=43 position=1152 timestampNs=1003 publisherId=13"), seen);
        }
    }

    @Test
    void aReaderWithoutASlotThatIsLappedSkipsToTheOldestRecordAndCountsTheBytesLost()
    {
        final RecordDecoder reader = RecordDecoder.withoutSlot("memory", channel.meta, null);
        for (long i = 0; i < 100; i++)
        {
            message.putLong(0, i);
            assertTrue(publisher.offer(message, 0, 8) > 0);
            subscriber.poll((buffer, offset, length, header) -> { }, 10); // keeps up, so the publisher may go on
        }

        final List<Long> sequences = new ArrayList<>();
        final List<Long> positions = new ArrayList<>();
        while (reader.poll((buffer, offset, length, header) ->
        {
            sequences.add(buffer.getLong(offset));
            positions.add(header.position());
        }, 1000) > 0)
        {
            // a poll reads at most a ring's length
        }

        final long oldest = 100 - CAPACITY / 64;
        assertEquals(oldest * 64, reader.lostBytes());
        assertEquals(CAPACITY / 64, sequences.size());
        for (int i = 0; i < sequences.size(); i++)
        {
            assertEquals(oldest + i, sequences.get(i));
            assertEquals((oldest + i + 1) * 64, positions.get(i));
        }
        assertEquals(100 * 64, reader.position());
    }

    @Test
    void aReaderWithoutASlotNeverDeliversATornMessage() throws InterruptedException
    {
        final int messages = 200_000;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer = new Thread(() ->
        {
            final UnsafeBuffer payload = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_FRAGMENTED));
            for (int i = 0; i < messages; i++)
            {
                final int length = 8 + (i % 3 == 0 ? 600 : i % 120); // some fragmented, some not
                payload.setMemory(0, length, (byte)i);
                payload.putLong(0, i);
                while (publisher.offer(payload, 0, length, i) < 0)
                {
                    subscriber.poll((buffer, offset, len, header) -> { }, 64);
                }
                subscriber.poll((buffer, offset, len, header) -> { }, 64);
            }
        });
        writer.setUncaughtExceptionHandler((thread, ex) -> failure.set(ex));
        writer.start();

        final RecordDecoder reader = RecordDecoder.withoutSlot("memory", channel.meta, null);
        final long[] last = {-1};
        final MessageHandler check = (buffer, offset, length, header) ->
        {
            final long sequence = buffer.getLong(offset);
            assertTrue(sequence > last[0], () -> "in order: " + sequence + " after " + last[0]);
            assertEquals(header.type(), (int)sequence);
            assertEquals(8 + (sequence % 3 == 0 ? 600 : sequence % 120), length, "length of " + sequence);
            for (int i = 8; i < length; i++)
            {
                assertEquals((byte)sequence, buffer.getByte(offset + i), "byte " + i + " of " + sequence);
            }
            last[0] = sequence;
        };
        int polled;
        do
        {
            polled = reader.poll(check, 64);
        }
        while (writer.isAlive() || polled > 0);
        writer.join();
        assertNull(failure.get());
        assertTrue(last[0] > 0, "delivered some");
    }

    private long publish(final int length)
    {
        final long position = channel.tailVolatile();
        message.setMemory(0, length, (byte)'x');
        assertTrue(publisher.offer(message, 0, length) > 0);
        return position;
    }

    private RecordDecoder readerFromStart()
    {
        return RecordDecoder.withoutSlot("memory", channel.meta, null).seekOldest();
    }

    private void assertCorruptAt(final long position, final String expected)
    {
        final RecordDecoder reader = readerFromStart();
        for (int poll = 0; poll < 3; poll++) // stays there: every poll says the same
        {
            final IllegalStateException bySubscriber = assertThrows(IllegalStateException.class,
                () -> subscriber.poll(RecordDecoderTest::ignore, 100));
            assertTrue(bySubscriber.getMessage().startsWith(expected), bySubscriber.getMessage());
            assertEquals(position, subscriber.position());

            final IllegalStateException byReader = assertThrows(IllegalStateException.class,
                () -> reader.poll(RecordDecoderTest::ignore, 100));
            assertEquals(bySubscriber.getMessage(), byReader.getMessage());
            assertEquals(position, reader.position());
            assertEquals(0, reader.lostBytes());
        }
    }

    private static void ignore(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
    }
}
