package io.ringline.perf.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Ringline's {@code shm:} ring both ways, as {@code ringline bench}'s {@code ringline-shm} peer runs it: exclusive
 * publishers, {@code offer} of a direct buffer, {@code poll(handler, 1)} busy-spinning, the echo offered from inside
 * the handler.
 */
final class RingPingPong extends PingPongPair
{
    private Ringline ringline;
    private String ping;
    private String pong;
    private int size;
    private Publisher toEcho;
    private Subscriber fromEcho;
    private Publisher echoPublisher;
    private Subscriber echoSubscriber;
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private long echoed;
    private final MessageHandler onEcho = (buffer, offset, length, header) -> echoed = buffer.getLong(offset);
    private final MessageHandler echo = (buffer, offset, length, header) ->
    {
        while (echoPublisher.offer(buffer, offset, length) < 0)
        {
            idle();
        }
    };

    @Override
    void open(final int size)
    {
        checkSize(size);
        this.size = size;
        final String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        ping = "shm:jmh-ping-" + suffix + "?capacity=64k&wait=spin";
        pong = "shm:jmh-pong-" + suffix + "?capacity=64k&wait=spin";
        ringline = Ringline.connect();
        fromEcho = ringline.addSubscriber(pong);
        echoSubscriber = ringline.addSubscriber(ping);
        toEcho = ringline.addExclusivePublisher(ping);
        echoPublisher = ringline.addExclusivePublisher(pong);
    }

    @Override
    long roundTrip(final long sequence)
    {
        message.putLong(0, sequence);
        while (toEcho.offer(message, 0, size) < 0)
        {
            idle();
        }
        while (fromEcho.poll(onEcho, 1) == 0)
        {
            idle();
        }
        return echoed;
    }

    @Override
    long roundTripInOneThread(final long sequence)
    {
        message.putLong(0, sequence);
        while (toEcho.offer(message, 0, size) < 0)
        {
            idle();
        }
        echoSubscriber.poll(echo, 1);
        fromEcho.poll(onEcho, 1);
        return echoed;
    }

    @Override
    void echoUntil(final BooleanSupplier running)
    {
        final MessageHandler echo = this.echo;
        final Subscriber subscriber = echoSubscriber;
        while (true)
        {
            if (subscriber.poll(echo, 1) == 0)
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
        ringline.removeChannel(ping);
        ringline.removeChannel(pong);
        ringline.close();
    }
}
