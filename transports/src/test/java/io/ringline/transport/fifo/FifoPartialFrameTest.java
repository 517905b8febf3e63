package io.ringline.transport.fifo;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Frames larger than the pipe's buffer are taken by the kernel in parts. A publisher and subscriber in one thread
 * must not deadlock on that: offer never spins waiting for the reader, and every frame still arrives whole.
 */
@Timeout(60)
class FifoPartialFrameTest
{
    @Test
    void framesLargerThanThePipeBufferArriveWholeWithoutASpinningOffer()
    {
        final String channel = "fifo:" + System.getProperty("java.io.tmpdir") + "/ringline-test-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".fifo?max-msg=200000";
        final int length = 150_000; // the pipe holds 64 KiB: every frame is written in parts
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            int sent = 0;
            final int[] received = {0};
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (received[0] < 20 && System.nanoTime() < deadline)
            {
                if (sent < 20)
                {
                    for (int i = 0; i < length; i += 8)
                    {
                        message.putLong(i, sent * 1_000_000L + i);
                    }
                    if (publisher.offer(message, 0, length, 3) >= 0)
                    {
                        sent++;
                    }
                }
                subscriber.poll((buffer, offset, size, header) ->
                {
                    assertEquals(length, size);
                    for (int i = 0; i < size; i += 8)
                    {
                        assertEquals(received[0] * 1_000_000L + i, buffer.getLong(offset + i), "offset " + i);
                    }
                    received[0]++;
                }, 10);
            }
            assertEquals(20, received[0]);
            ringline.removeChannel(channel);
        }
    }
}
