package io.ringline.ring;

import io.ringline.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static io.ringline.ring.Outcomes.*;
import static io.ringline.ring.RecordDescriptor.*;

/**
 * A 4 KiB ring that has been through one lap: every 32-byte slot holds a stale tag of lap 0 and 0xEE bytes. The tail
 * (and the subscriber) start 96 bytes before the end of lap 1, so two 24-byte messages (64-byte records) go one at
 * the end of the lap, then a 32-byte padding record, then one at the start of lap 2. Payloads are three longs equal
 * to the message's number (1 or 2): anything else is a torn or stale read.
 */
public class RingFixture
{
    static final int CAPACITY = 4096;
    static final int PAYLOAD_LENGTH = 24;
    static final long START = 2L * CAPACITY - 96;
    static final long END = START + 96 + 64;
    static final String PARAMS = "capacity=4k&max-msg=64&max-fragmented=0&publishers=2&subscribers=1";

    final RingChannel channel;
    final RingSubscriber subscriber;
    final UnsafeBuffer one = message(1);
    final UnsafeBuffer two = message(2);
    private long lastPosition = START;
    private long lastMessage;
    private boolean anyOrder;
    private int seenMask;
    long first;
    int seen;
    int check = OK;

    RingFixture(final String params, final WaitMode waitMode)
    {
        channel = MemoryRing.create(params);
        for (int index = 0; index < CAPACITY; index += ALIGNMENT)
        {
            channel.data.putLong(index + TAG_OFFSET, tag(index, channel.salt));
            channel.data.setMemory(index + Long.BYTES, ALIGNMENT - Long.BYTES, (byte)0xEE);
        }
        MemoryRing.tail(channel, START);
        subscriber = MemoryRing.subscriber(channel, waitMode);
    }

    private static UnsafeBuffer message(final long number)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(PAYLOAD_LENGTH));
        for (int i = 0; i < PAYLOAD_LENGTH; i += Long.BYTES)
        {
            buffer.putLong(i, number);
        }
        return buffer;
    }

    void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long number = buffer.getLong(offset);
        if (length != PAYLOAD_LENGTH || buffer.getLong(offset + 8) != number || buffer.getLong(offset + 16) != number)
        {
            fail(TORN);
        }
        else if (anyOrder ? (number != 1 && number != 2) || (seenMask & number) != 0 : number != lastMessage + 1)
        {
            fail(ORDER);
        }
        else if (header.position() <= lastPosition)
        {
            fail(BACKWARDS);
        }
        if (seen == 0)
        {
            first = number;
        }
        seenMask |= (int)number;
        lastMessage = number;
        lastPosition = header.position();
        seen++;
    }

    /**
     * Accepts the two messages in either order (two publishers race).
     */
    void anyOrder()
    {
        anyOrder = true;
    }

    /**
     * Polls once, checking that the position never goes backwards.
     */
    void poll()
    {
        final long before = subscriber.position();
        try
        {
            subscriber.poll(this::onMessage, 10);
        }
        catch (final RuntimeException ex)
        {
            fail(ERROR);
        }
        if (subscriber.position() < before)
        {
            fail(BACKWARDS);
        }
    }

    /**
     * After the actors: reads what is left and checks that both messages came, in order, and nothing else.
     *
     * @return the first violation, or {@link Outcomes#OK}.
     */
    int drain()
    {
        for (int i = 0; i < 4; i++)
        {
            poll();
        }
        if (seen != 2 || subscriber.position() != END)
        {
            fail(LOST);
        }
        return check;
    }

    void fail(final int violation)
    {
        if (check == OK)
        {
            check = violation;
        }
    }
}
