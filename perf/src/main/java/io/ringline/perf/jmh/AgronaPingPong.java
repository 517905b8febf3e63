package io.ringline.perf.jmh;

import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Agrona's {@code OneToOneRingBuffer} both ways (64 KiB each, direct memory): {@code write} of a direct buffer and
 * {@code read(handler, 1)} busy-spinning, the echo written from inside the handler.
 */
final class AgronaPingPong extends PingPongPair
{
    private static final int CAPACITY = 64 * 1024;
    private static final int MSG_TYPE = 1;

    private OneToOneRingBuffer toEcho;
    private OneToOneRingBuffer fromEcho;
    private int size;
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private long echoed;
    private final MessageHandler onEcho = (msgTypeId, buffer, index, length) -> echoed = buffer.getLong(index);

    private static OneToOneRingBuffer ring()
    {
        return new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    @Override
    void open(final int size)
    {
        checkSize(size);
        this.size = size;
        toEcho = ring();
        fromEcho = ring();
    }

    @Override
    long roundTrip(final long sequence)
    {
        message.putLong(0, sequence);
        while (!toEcho.write(MSG_TYPE, message, 0, size))
        {
            idle();
        }
        while (fromEcho.read(onEcho, 1) == 0)
        {
            idle();
        }
        return echoed;
    }

    @Override
    void echoUntil(final BooleanSupplier running)
    {
        final OneToOneRingBuffer back = fromEcho;
        final MessageHandler echo = (msgTypeId, buffer, index, length) ->
        {
            while (!back.write(msgTypeId, buffer, index, length))
            {
                idle();
            }
        };
        final OneToOneRingBuffer in = toEcho;
        while (true)
        {
            if (in.read(echo, 1) == 0)
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
