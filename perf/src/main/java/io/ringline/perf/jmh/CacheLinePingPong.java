package io.ringline.perf.jmh;

import java.util.function.BooleanSupplier;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The floor: one {@code long} each way, each on its own 128-byte block, written with a release store and spun on with
 * volatile loads. No payload is copied; a round trip is two cache-line transfers.
 *
 * <pre>
 *   0        128       256
 *   +--------+---------+
 *   | ping   | pong    |   (the rest of each block is padding)
 *   +--------+---------+
 * </pre>
 */
final class CacheLinePingPong extends PingPongPair
{
    private static final int PING_OFFSET = 0;
    private static final int PONG_OFFSET = 128;

    private final UnsafeBuffer lines = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 128));

    @Override
    void open(final int size)
    {
        checkSize(size);
    }

    @Override
    long roundTrip(final long sequence)
    {
        lines.putLongRelease(PING_OFFSET, sequence);
        long echoed;
        while ((echoed = lines.getLongVolatile(PONG_OFFSET)) != sequence)
        {
            idle();
        }
        return echoed;
    }

    @Override
    void echoUntil(final BooleanSupplier running)
    {
        long last = lines.getLongVolatile(PING_OFFSET);
        while (true)
        {
            final long sequence = lines.getLongVolatile(PING_OFFSET);
            if (sequence != last)
            {
                lines.putLongRelease(PONG_OFFSET, sequence);
                last = sequence;
            }
            else
            {
                if (!running.getAsBoolean())
                {
                    return;
                }
                idle();
            }
        }
    }

    @Override
    void close()
    {
    }
}
