package io.ringline.example;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

public final class EmbeddingExample
{
    public static void main(final String[] args)
    {
        // README:BEGIN
        try (Ringline ringline = Ringline.connect();
             Subscriber subscriber = ringline.addSubscriber("shm:orders");
             Publisher publisher = ringline.addPublisher("shm:orders"))
        {
            UnsafeBuffer order = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            order.putLong(0, 42L);
            while (publisher.offer(order, 0, 8, /* type */ 7) < 0)
            {
                Thread.onSpinWait(); // BACK_PRESSURED or NOT_CONNECTED: your policy
            }
            subscriber.receive((buffer, offset, length, header) ->
                System.out.println("order " + buffer.getLong(offset) + " type " + header.type()), 10);
            ringline.removeChannel("shm:orders");
        }
        // README:END
    }
}
