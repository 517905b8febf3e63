package io.ringline.ring;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.memory.SysVSharedMemory;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad input gets a clear exception that names the thing and the problem, and never crashes the JVM.
 */
@Timeout(60)
class BadInputTest
{
    private final Ringline ringline = Ringline.connect(new Ringline.Context().openTimeoutMs(200));
    private final List<String> created = new ArrayList<>();
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));

    @AfterEach
    void tearDown()
    {
        ringline.close();
        try (Ringline cleaner = Ringline.connect())
        {
            created.forEach(cleaner::removeChannel);
        }
    }

    private String channel(final TestChannels kind)
    {
        final String channel = kind.newChannel();
        created.add(channel);
        return channel;
    }

    private static <T extends Throwable> void assertFails(
        final Class<T> type, final Executable executable, final String... fragments)
    {
        final T ex = assertThrows(type, executable);
        for (final String fragment : fragments)
        {
            assertTrue(ex.getMessage().contains(fragment), "'" + ex.getMessage() + "' should contain '" + fragment + "'");
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void lengthsAndRangesAreChecked(final TestChannels kind)
    {
        final String channel = with(channel(kind), "max-msg=1024&max-fragmented=0");
        try (Subscriber ignored = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            assertFails(IllegalArgumentException.class, () -> publisher.offer(message, 0, 0), "length=0");
            assertFails(IllegalArgumentException.class, () -> publisher.offer(message, 0, -5), "length=-5");
            assertFails(IllegalArgumentException.class, () -> publisher.offer(message, 0, 1025), "max-msg=1024");
            assertFails(IllegalArgumentException.class, () -> publisher.offer(message, 4000, 100), "offset=4000");
            assertFails(IllegalArgumentException.class, () -> publisher.offer(message, -1, 10), "offset=-1");
            assertFails(IllegalArgumentException.class, () -> publisher.offer(null, 0, 10), "buffer is null");
            final BufferClaim claim = new BufferClaim();
            assertFails(IllegalArgumentException.class, () -> publisher.tryClaim(0, claim), "length=0");
            assertFails(IllegalArgumentException.class, () -> publisher.tryClaim(1025, claim), "length=1025");
            assertTrue(publisher.offer(message, 0, 1024) > 0, "nothing was lost: the channel still works");
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void useAfterCloseIsAnError(final TestChannels kind)
    {
        final String channel = channel(kind);
        final Publisher publisher = ringline.addPublisher(channel);
        final Subscriber subscriber = ringline.addSubscriber(channel);
        publisher.close();
        subscriber.close();
        assertFails(IllegalStateException.class, () -> publisher.offer(message, 0, 8), "publisher is closed", channel);
        assertFails(IllegalStateException.class, () -> publisher.tryClaim(8, new BufferClaim()), "closed");
        assertFails(IllegalStateException.class, () -> subscriber.poll((b, o, l, h) -> { }, 1),
            "subscriber is closed", channel);
        publisher.close();
        subscriber.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "orders", ":orders", "shm:", "shm:orders?", "shm:orders?capacity", "shm:orders?capacity=1m&capacity=2m",
        "shm:orders?capacity=", "9shm:orders", "sh m:orders", "shm:orders?x=1=2"})
    void malformedUrisAreRejected(final String uri)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ringline.addPublisher(uri));
        assertTrue(ex.getMessage().contains("channel URI"), ex.getMessage());
    }

    @Test
    void urisThatParseButMeanNothingAreRejectedByName()
    {
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("nope:orders"),
            "unknown scheme 'nope'", "shm");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("shm:../x"), "shm name '../x'");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("shm:a/b"), "shm name 'a/b'");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("shm:.hidden"), "shm name");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("file:relative/x"), "absolute");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("file:/tmp/../etc/x"), "normalised");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("sysvshm:0"), "non-zero");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("sysvshm:banana"), "sysvshm key");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("shm:x?colour=red"),
            "unknown parameter 'colour'");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("shm:x?capacity=5000"),
            "capacity=5000", "power of two");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("shm:x?capacity=lots"), "capacity=lots");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("shm:x?capacity=4k&max-msg=4k"),
            "max-msg=4k");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("shm:x?timestamps=yes"),
            "timestamps=yes");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("shm:x?types=1"),
            "unknown parameter 'types'");
        assertFails(IllegalArgumentException.class, () -> ringline.addSubscriber("shm:x?types=1,two"), "types=1,two");
        assertFails(IllegalArgumentException.class, () -> ringline.addPublisher("shm:x?perm=777x"), "perm=777x");
        assertFalse(Files.exists(Path.of("/dev/shm/ringline-x")), "nothing was created by a rejected URI");
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void anOpenerMustAgreeWithTheCreatorsExplicitParameters(final TestChannels kind)
    {
        final String channel = channel(kind);
        try (Publisher ignored = ringline.addPublisher(with(channel, "capacity=64k")))
        {
            assertFails(RinglineException.class, () -> ringline.addSubscriber(with(channel, "capacity=128k")),
                "capacity=65536", "capacity=128k");
            try (Ringline other = Ringline.connect())
            {
                assertFails(RinglineException.class, () -> other.addSubscriber(with(channel, "capacity=128k")),
                    "capacity=65536");
                other.addSubscriber(channel).close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestChannels.class, names = {"SHM", "FILE"})
    void aFileThatIsNotAChannelIsRejected(final TestChannels kind) throws Exception
    {
        final String channel = channel(kind);
        final Path path = RingTransportProvider.path(io.ringline.ChannelUri.parse(channel), "/dev/shm");

        Files.write(path, new byte[8192]);
        assertFails(RinglineException.class, () -> ringline.addSubscriber(channel), "not initialised");

        Files.write(path, "this is a text file, not a channel. ".repeat(300).getBytes());
        assertFails(RinglineException.class, () -> ringline.addSubscriber(channel), "not a Ringline channel", "magic");

        Files.write(path, new byte[100]);
        assertFails(RinglineException.class, () -> ringline.addSubscriber(channel), "truncated", "length=100");

        Files.delete(path);
        createAndClose(channel);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
        {
            file.setLength(file.length() / 2);
        }
        assertFails(RinglineException.class, () -> ringline.addSubscriber(channel), "truncated", "expected=");

        Files.delete(path);
        createAndClose(channel);
        final String app = "app=" + RingDescriptor.LAYOUT_MAJOR + "." + RingDescriptor.LAYOUT_MINOR;
        patchHeader(path, RingDescriptor.LAYOUT_VERSION_OFFSET, (RingDescriptor.LAYOUT_MAJOR + 1) << 16);
        assertFails(RinglineException.class, () -> ringline.addSubscriber(channel), "layout version",
            "file=" + (RingDescriptor.LAYOUT_MAJOR + 1) + ".0", app, "a newer Ringline", "remove it");

        // A 1.1 channel counts its futex sleepers where 2.0 keeps nothing: sharing it would lose wake-ups.
        patchHeader(path, RingDescriptor.LAYOUT_VERSION_OFFSET, 1 << 16 | 1);
        assertFails(RinglineException.class, () -> ringline.addSubscriber(with(channel, "wait=futex")),
            "layout version", "file=1.1", app, "an older Ringline", "remove it");
        assertFails(RinglineException.class, () -> ringline.addPublisher(channel), "file=1.1", "an older Ringline");

        Files.delete(path);
        createAndClose(channel);
        patchHeader(path, RingDescriptor.CAPACITY_OFFSET, 1 << 16);
        assertFails(RinglineException.class, () -> ringline.addSubscriber(channel), "checksum");
    }

    @Test
    void aSysVSegmentThatIsNotAChannelIsRejected()
    {
        final String channel = channel(TestChannels.SYSVSHM);
        final int key = RingTransportProvider.sysvKey(io.ringline.ChannelUri.parse(channel));

        try (SysVSharedMemory foreign = SysVSharedMemory.openOrCreate(key, 8192, 0600, buffer -> { }))
        {
            assertFails(RinglineException.class, () -> ringline.addSubscriber(channel), "not initialised",
                "openTimeoutMs=200");
            foreign.buffer().putLong(0, 0x1234_5678L);
            assertFails(RinglineException.class, () -> ringline.addSubscriber(channel), "not a Ringline channel");
        }
        SysVSharedMemory.remove(key);

        try (SysVSharedMemory tiny = SysVSharedMemory.openOrCreate(key, 4096, 0600, buffer -> { }))
        {
            tiny.buffer().putLong(0, RingDescriptor.MAGIC);
            assertFails(RinglineException.class, () -> ringline.addSubscriber(channel));
        }
    }

    private void createAndClose(final String channel)
    {
        try (Ringline creator = Ringline.connect())
        {
            creator.addPublisher(channel).close();
        }
    }

    private static void patchHeader(final Path path, final int offset, final int value) throws Exception
    {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
        {
            final byte[] header = new byte[4096];
            file.readFully(header);
            final AtomicBuffer buffer = new UnsafeBuffer(header);
            buffer.putInt(offset, value);
            file.seek(0);
            file.write(header);
        }
    }
}
