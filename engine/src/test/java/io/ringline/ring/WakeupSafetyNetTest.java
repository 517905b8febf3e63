package io.ringline.ring;

import io.ringline.ChannelUri;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.memory.MappedFileMemory;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A publisher that dies between committing a record and waking the sleepers must not leave a subscriber asleep over
 * it: the subscriber's conductor notices within a few heartbeats. The "publisher" here is this test writing a record
 * straight into the mapped file by the byte layout of docs/layout.md, and never waking anyone.
 */
@Timeout(30)
class WakeupSafetyNetTest
{
    @ParameterizedTest
    @ValueSource(strings = {"futex", "posixsem", "sysvsem"})
    void theConductorWakesASubscriberAsleepOverACommittedRecord(final String mode) throws Exception
    {
        final String channel = TestChannels.SHM.newChannel();
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(channel + "?capacity=64k&wait=" + mode))
        {
            final AtomicLong received = new AtomicLong();
            final Future<Integer> asleep = executor.submit(() -> subscriber.receive(
                (buffer, offset, length, header) -> received.set(buffer.getLong(offset) * 100 + header.type()), 1));
            Thread.sleep(100); // let it fall asleep

            final Path file = RingTransportProvider.path(ChannelUri.parse(channel), "/dev/shm");
            try (MappedFileMemory memory = MappedFileMemory.open(file))
            {
                final AtomicBuffer region = memory.buffer();
                final int headerLength = region.getInt(RingDescriptor.HEADER_LENGTH_OFFSET);
                final long salt = region.getLong(RingDescriptor.SALT_OFFSET);
                final long position = region.getLongVolatile(RingDescriptor.TAIL_OFFSET);
                assertTrue(region.compareAndSetLong(RingDescriptor.TAIL_OFFSET, position, position + 64), "claim");
                final int record = headerLength + (int)position;
                region.putLong(record + RecordDescriptor.HEADER_LENGTH, 42);
                region.putInt(record + RecordDescriptor.FRAME_LENGTH_OFFSET, RecordDescriptor.HEADER_LENGTH + 8);
                region.putInt(record + RecordDescriptor.TYPE_OFFSET, 7);
                region.putInt(record + RecordDescriptor.FLAGS_OFFSET, RecordDescriptor.UNFRAGMENTED);
                region.putLongRelease(record + RecordDescriptor.TAG_OFFSET, RecordDescriptor.tag(position, salt));
                // ...and "dies" here: no wake.
            }

            assertEquals(1, asleep.get(10, TimeUnit.SECONDS), "woken by the conductor, not left asleep");
            assertEquals(42 * 100 + 7, received.get());
        }
        finally
        {
            executor.shutdownNow();
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(channel);
            }
        }
    }
}
