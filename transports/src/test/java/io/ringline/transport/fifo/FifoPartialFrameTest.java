package io.ringline.transport.fifo;

import io.ringline.os.Native;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.transport.os.PipeCapacity;
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
    /**
     * A 64 KiB message plus its frame header does not fit a default 64 KiB pipe: without growing the pipe its tail
     * would wait for the next offer or the conductor (here there is none), and a lone message would never arrive.
     */
    @Test
    void aMaxLengthMessageGoesWholeInOneOfferWithoutAConductor() throws Exception
    {
        final String path = System.getProperty("java.io.tmpdir") + "/ringline-test-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".fifo";
        final String channel = "fifo:" + path; // max-msg defaults to 65536
        final int length = 65536;
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
        for (int i = 0; i < length; i += 8)
        {
            message.putLong(i, i * 31L);
        }
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            long result;
            while ((result = publisher.offer(message, 0, length, 1)) < 0)
            {
                assertEquals(Publisher.NOT_CONNECTED, result, "only a reader still opening may hold the offer back");
                Thread.onSpinWait();
            }
            final int fd = Native.libc().open(path, Native.O_RDONLY | Native.O_NONBLOCK | Native.O_CLOEXEC, 0);
            try
            {
                assertTrue(Native.libc().fcntl(fd, PipeCapacity.F_GETPIPE_SZ, 0) >= 2 * length,
                    "the publisher grew the FIFO for two frames");
            }
            finally
            {
                Native.libc().close(fd);
            }
            final int[] received = {0};
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (received[0] == 0 && System.nanoTime() < deadline)
            {
                subscriber.poll((buffer, offset, size, header) ->
                {
                    assertEquals(length, size);
                    for (int i = 0; i < size; i += 8)
                    {
                        assertEquals(i * 31L, buffer.getLong(offset + i), "offset " + i);
                    }
                    received[0]++;
                }, 1);
            }
            assertEquals(1, received[0], "the whole frame arrived from one offer");
            ringline.removeChannel(channel);
        }
    }

    @Test
    void framesLargerThanThePipeBufferArriveWholeWithoutASpinningOffer()
    {
        final String channel = "fifo:" + System.getProperty("java.io.tmpdir") + "/ringline-test-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".fifo?max-msg=200000&pipe-size=64k";
        final int length = 150_000; // the pipe is held at 64 KiB: every frame is written in parts
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
