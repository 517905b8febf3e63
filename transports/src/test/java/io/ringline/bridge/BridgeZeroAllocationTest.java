package io.ringline.bridge;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.test.AllocationWindows;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bridge's forwarding allocates nothing on its thread: shm → bridge with a state file → aeron:ipc (the sequence word
 * staged, a checkpoint per message) → bridge → shm (offered straight from the source's buffer), measured as the other
 * zero-allocation tests measure (bytes this thread allocates, one window of three must be 0).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BridgeZeroAllocationTest
{
    @Test
    void forwardingWithSequenceAndCheckpointAllocatesNothing() throws Exception
    {
        final String src = TestChannels.SHM.newChannel();
        final String dst = TestChannels.SHM.newChannel();
        final String network = "aeron:ipc?driver=embedded&stream=" + ThreadLocalRandom.current().nextInt(2000, 60000);
        final Path state = Path.of("/dev/shm", "ringline-bridge-state-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        try (Ringline ringline = Ringline.connect();
            Subscriber consumer = ringline.addSubscriber(dst);
            Bridge receiving = new Bridge(ringline, network, dst, (event, epoch, expected, received, lost) -> { });
            Bridge sending = new Bridge(ringline, src, network, (event, epoch, expected, received, lost) -> { },
                state);
            Publisher producer = ringline.addExclusivePublisher(src))
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
            final long[] delivered = {0};
            final io.ringline.MessageHandler count = (buffer, offset, length, header) -> delivered[0]++;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            final Runnable traffic = () ->
            {
                for (int i = 0; i < 1000; i++)
                {
                    final long target = delivered[0] + 1;
                    while (producer.offer(message, 0, 64, 3) < 0)
                    {
                        Thread.onSpinWait();
                    }
                    while (delivered[0] < target)
                    {
                        sending.doWork();
                        receiving.doWork();
                        consumer.poll(count, 10);
                        if (System.nanoTime() > deadline)
                        {
                            throw new AssertionError("stuck: " + sending + " " + receiving);
                        }
                    }
                }
            };
            traffic.run();
            final long[] windows = AllocationWindows.measure(traffic);
            assertEquals(1000L * (1 + windows.length), delivered[0]);
            assertEquals(delivered[0], sending.forwarded());
            assertEquals(0, receiving.gaps());
            assertEquals(0, windows[windows.length - 1], "bytes allocated forwarding 1000 messages through two " +
                "bridges, in each window: " + Arrays.toString(windows));
        }
        finally
        {
            Files.deleteIfExists(state);
            try (Ringline ringline = Ringline.connect())
            {
                ringline.removeChannel(src);
                ringline.removeChannel(dst);
            }
        }
    }
}
