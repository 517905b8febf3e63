package io.ringline.tools;

import io.ringline.Publisher;
import io.ringline.Ringline;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A publisher in its own JVM for {@link RecordReplayTest}: {@code CHANNEL COUNT} publishes COUNT messages, message
 * {@code i} of {@link #length(long)} bytes and type {@code i % 7}, starting with {@code i} as a long and the rest a
 * pattern of {@code i}, retrying back-pressure.
 */
public final class LivePublisherChild
{
    private LivePublisherChild()
    {
    }

    static int length(final long sequence)
    {
        return sequence % 50 == 0 ? 3000 : 8 + (int)(sequence * 31 % 200);
    }

    static int type(final long sequence)
    {
        return (int)(sequence % 7);
    }

    /** @return the sequence of an intact message, or -1. */
    static long check(final DirectBuffer buffer, final int offset, final int length)
    {
        final long sequence = buffer.getLong(offset);
        if (length != length(sequence))
        {
            return -1;
        }
        for (int i = 8; i < length; i++)
        {
            if (buffer.getByte(offset + i) != (byte)(sequence + i))
            {
                return -1;
            }
        }
        return sequence;
    }

    /**
     * @param args the channel and the number of messages.
     */
    public static void main(final String[] args)
    {
        final long count = Long.parseLong(args[1]);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
        try (Ringline ringline = Ringline.connect();
            Publisher publisher = ringline.addPublisher(args[0]))
        {
            for (long i = 0; i < count; i++)
            {
                final int length = length(i);
                buffer.putLong(0, i);
                for (int b = 8; b < length; b++)
                {
                    buffer.putByte(b, (byte)(i + b));
                }
                while (publisher.offer(buffer, 0, length, type(i)) < 0)
                {
                    Thread.yield();
                }
            }
        }
        System.out.println("published " + count);
    }
}
