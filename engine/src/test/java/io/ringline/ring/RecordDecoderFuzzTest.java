package io.ringline.ring;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ringline.RinglineException;
import org.junit.jupiter.api.Test;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static io.ringline.ring.RecordDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The subscriber reads memory that any process with the channel open may scribble on. Whatever lands in the record
 * headers, tags, the tail or the slots, it must reject the record with an {@link IllegalStateException} naming the
 * channel (and stay stuck there: see docs/layout.md), never read or write outside the mapping: Agrona's bounds checks
 * are on, and an {@link IndexOutOfBoundsException} fails the test. A reader without a slot
 * ({@link RecordDecoder#withoutSlot}, as {@code ringline tail} reads) polls the same ring alongside, under the same
 * rules, and its position only moves forward too. An opener of a garbage header gets a
 * {@link RinglineException}, or a header that keeps every documented invariant.
 *
 * <p>Regression inputs: {@code src/test/resources/io/ringline/ring/RecordDecoderFuzzTestInputs/}. Fuzz for real with
 * {@code JAZZER_FUZZ=1} (docs/verification.md).
 */
class RecordDecoderFuzzTest
{
    private static final int CAPACITY = MemoryRing.SMALL_CAPACITY;
    private static final int MAX_MSG = MemoryRing.SMALL_MAX_MSG;
    private static final int MAX_FRAGMENTED = MemoryRing.SMALL_MAX_FRAGMENTED;

    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_FRAGMENTED));
    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_FRAGMENTED));
    private DirectBuffer ring;

    @FuzzTest(maxDuration = "5m")
    void scribbledRing(final FuzzedDataProvider input)
    {
        final RingChannel channel = MemoryRing.create(MemoryRing.SMALL_RING);
        ring = channel.data;
        MemoryRing.tail(channel, (long)input.consumeInt(0, 3) * CAPACITY + input.consumeInt(0, CAPACITY / 32 - 1) * 32L);
        final RingSubscriber subscriber = MemoryRing.subscriber(channel, WaitMode.SPIN);
        final RingPublisher publisher = MemoryRing.publisher(channel, input.consumeBoolean());
        final RecordDecoder reader = RecordDecoder.withoutSlot("memory", channel.meta, null).seekOldest();

        boolean corrupt = false;
        long lastPosition = subscriber.position();
        long lastReaderPosition = reader.position();
        for (int step = 0, steps = input.consumeInt(1, 24); step < steps && input.remainingBytes() > 0; step++)
        {
            switch (input.consumeInt(0, 5))
            {
                case 0:
                    try
                    {
                        publisher.offer(message, 0, input.consumeInt(1, MAX_FRAGMENTED), input.consumeInt());
                    }
                    catch (final IllegalStateException ex) // a scribbled tail: refused, nothing written
                    {
                        assertTrue(ex.getMessage().contains("channel=memory") &&
                            ex.getMessage().contains("corrupt tail="), ex.getMessage());
                    }
                    break;
                case 1:
                    scribble(channel.data, input);
                    break;
                case 2:
                    forgeRecord(channel, subscriber.position(), input);
                    break;
                case 3:
                    scribble(channel.meta, input); // tail, wake words, publisher and subscriber slots, header fields
                    break;
                case 4:
                    Unblocker.unblock(channel, subscriber.position());
                    break;
                default:
                    break;
            }
            final int limit = input.consumeInt(1, 64);
            try
            {
                subscriber.poll(this::onMessage, limit);
            }
            catch (final IllegalStateException ex)
            {
                assertTrue(ex.getMessage().contains("channel=memory"), ex.getMessage());
                corrupt = true;
            }
            try
            {
                reader.poll(this::onCopiedMessage, limit);
            }
            catch (final IllegalStateException ex)
            {
                assertTrue(ex.getMessage().contains("channel=memory"), ex.getMessage());
            }
            assertTrue(reader.position() >= lastReaderPosition, "reader position went backwards: " +
                lastReaderPosition + " -> " + reader.position());
            lastReaderPosition = reader.position();
            assertTrue(subscriber.position() >= lastPosition, "position went backwards: " + lastPosition + " -> " +
                subscriber.position());
            assertTrue(corrupt || subscriber.position() - lastPosition <= 2L * CAPACITY, "position jumped");
            lastPosition = subscriber.position();
        }
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final io.ringline.Header h)
    {
        assertTrue(offset >= 0 && length >= 0 && (long)offset + length <= buffer.capacity(),
            "message outside its buffer: offset=" + offset + " length=" + length + " capacity=" + buffer.capacity());
        assertTrue(length <= MAX_FRAGMENTED, "message longer than max-fragmented: length=" + length);
        if (buffer == ring)
        {
            assertTrue(length <= MAX_MSG && offset % ALIGNMENT == 0, "record payload at offset=" + offset +
                " length=" + length);
        }
        else
        {
            assertEquals(0, offset, "a reassembled message starts its buffer");
        }
        buffer.getBytes(offset, scratch, 0, length); // touches every byte through the bounds checks
    }

    private void onCopiedMessage(
        final DirectBuffer buffer, final int offset, final int length, final io.ringline.Header h)
    {
        assertTrue(buffer != ring, "a reader without a slot hands out copies");
        assertTrue(offset >= 0 && length >= 0 && (long)offset + length <= buffer.capacity(),
            "message outside its buffer: offset=" + offset + " length=" + length + " capacity=" + buffer.capacity());
        assertTrue(length <= MAX_FRAGMENTED, "message longer than max-fragmented: length=" + length);
        buffer.getBytes(offset, scratch, 0, length);
    }

    // A header with a valid tag at (or just past) the subscriber's position: the subscriber takes it as committed.
    private static void forgeRecord(final RingChannel channel, final long position, final FuzzedDataProvider input)
    {
        final long at = position + input.consumeInt(0, 3) * (long)ALIGNMENT;
        final int index = (int)at & channel.mask;
        channel.data.putInt(index + FRAME_LENGTH_OFFSET, input.consumeInt());
        channel.data.putInt(index + TYPE_OFFSET, input.consumeInt());
        channel.data.putInt(index + FLAGS_OFFSET, input.consumeInt());
        channel.data.putInt(index + PUBLISHER_OFFSET, input.consumeInt());
        channel.data.putLongRelease(index + TAG_OFFSET, tag(at, channel.salt));
    }

    private static void scribble(final AtomicBuffer buffer, final FuzzedDataProvider input)
    {
        final int offset = input.consumeInt(0, buffer.capacity() - Long.BYTES) & -Integer.BYTES;
        if (input.consumeBoolean())
        {
            buffer.putInt(offset, input.consumeInt());
        }
        else
        {
            buffer.putLong(offset & -Long.BYTES, input.consumeLong());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void garbageHeader(final FuzzedDataProvider input)
    {
        final RingParams params = MemoryRing.params("capacity=4k&max-msg=256&publishers=1&subscribers=1");
        final int length = (int)RingChannel.regionLength(params);
        final MemoryRing memory = new MemoryRing(length - input.consumeInt(0, 1) * 4096);
        final AtomicBuffer header = memory.buffer();
        RingChannel.initialise(header, params);
        for (int i = 0, writes = input.consumeInt(0, 8); i < writes; i++)
        {
            header.putInt(input.consumeInt(0, RingDescriptor.CHECKSUM_OFFSET / 4) * 4, input.consumeInt());
        }
        if (input.consumeBoolean())
        {
            header.putInt(RingDescriptor.CHECKSUM_OFFSET, RingDescriptor.checksum(header)); // a writer that knows the format
        }

        final RingChannel channel;
        try
        {
            channel = RingChannel.attach("memory", memory, MemoryRing.params(""), MemoryRing.CLOCK, 0);
        }
        catch (final RinglineException ex)
        {
            assertTrue(ex.getMessage().startsWith("channel=memory "), ex.getMessage());
            return;
        }

        final long capacity = channel.capacity;
        assertTrue(capacity >= RingDescriptor.MIN_CAPACITY && capacity <= RingDescriptor.MAX_CAPACITY &&
            Long.bitCount(capacity) == 1, "capacity=" + capacity);
        assertTrue(channel.maxMsgLength >= 1 && channel.maxMsgLength + (long)HEADER_LENGTH <= capacity / 2,
            "accepted max-msg=" + channel.maxMsgLength + " with capacity=" + capacity);
        assertTrue(channel.maxFragmentedLength == 0 || channel.maxFragmentedLength >= channel.maxMsgLength &&
            RingParams.fragmentedClaimLength(channel.maxFragmentedLength, channel.maxMsgLength) <= capacity / 2,
            "accepted max-fragmented=" + channel.maxFragmentedLength + " max-msg=" + channel.maxMsgLength);
        assertTrue(RingChannel.regionLength(params) <= length, "region");

        final RingSubscriber subscriber = MemoryRing.subscriber(channel, WaitMode.SPIN);
        final RingPublisher publisher = MemoryRing.publisher(channel, true);
        final int messageLength = Math.min(Math.max(channel.maxMsgLength, channel.maxFragmentedLength), MAX_FRAGMENTED);
        assertTrue(publisher.offer(message, 0, messageLength) > 0);
        assertEquals(1, subscriber.poll(this::onAnyMessage, 10));
    }

    @Test
    void aHeaderWhoseMaxMsgOverflowsTheAlignmentIsRejected()
    {
        assertRejected(RingDescriptor.MAX_MSG_LENGTH_OFFSET, Integer.MAX_VALUE - 20, "maxMsgLength=2147483627");
    }

    @Test
    void aHeaderWhoseFragmentedClaimOverflowsIsRejected()
    {
        // max-msg=1 frames every byte in 64: a claim for max-fragmented=capacity would be 2^18 bytes, and with a 1g
        // ring 2^36, past an int; either way more than half the ring.
        final RingParams params = MemoryRing.params("capacity=4k&max-msg=1&max-fragmented=0");
        final MemoryRing memory = new MemoryRing((int)RingChannel.regionLength(params));
        RingChannel.initialise(memory.buffer(), params);
        memory.buffer().putInt(RingDescriptor.MAX_FRAGMENTED_LENGTH_OFFSET, CAPACITY);
        memory.buffer().putInt(RingDescriptor.CHECKSUM_OFFSET, RingDescriptor.checksum(memory.buffer()));
        final RinglineException ex = assertThrows(RinglineException.class,
            () -> RingChannel.attach("memory", memory, MemoryRing.params(""), MemoryRing.CLOCK, 0));
        assertTrue(ex.getMessage().contains("maxFragmentedLength=4096"), ex.getMessage());
    }

    private static void assertRejected(final int offset, final int value, final String fragment)
    {
        final RingParams params = MemoryRing.params("capacity=4k&max-msg=256");
        final MemoryRing memory = new MemoryRing((int)RingChannel.regionLength(params));
        RingChannel.initialise(memory.buffer(), params);
        memory.buffer().putInt(offset, value);
        memory.buffer().putInt(RingDescriptor.CHECKSUM_OFFSET, RingDescriptor.checksum(memory.buffer()));
        final RinglineException ex = assertThrows(RinglineException.class,
            () -> RingChannel.attach("memory", memory, MemoryRing.params(""), MemoryRing.CLOCK, 0));
        assertTrue(ex.getMessage().contains(fragment), ex.getMessage());
    }

    private void onAnyMessage(final DirectBuffer buffer, final int offset, final int length, final io.ringline.Header h)
    {
        buffer.getBytes(offset, scratch, 0, length);
    }
}
