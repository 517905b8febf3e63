package io.ringline.transport.security;

import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.os.Native;
import io.ringline.os.NativeBuffer;
import io.ringline.transport.mq.MqueueMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A FIFO, message queue or Unix socket (to publish to) that another user owns is not opened unless the URI says
 * {@code any-owner=true}: it may have been planted to read what this process sends, or to feed it. (The ring channels' own test is the engine's
 * OwnershipAndLinksTest.) Needs root, to give an object to nobody.
 */
@Timeout(60)
class ForeignOwnerTest
{
    private static final int NOBODY = 65534;
    private static final int IPC_SET = 1;

    @Test
    void aFifoOwnedByAnotherUserIsRefusedUnlessTrusted() throws Exception
    {
        final Path fifo = Path.of("/tmp/ringline-foreign-" + token() + ".fifo");
        try
        {
            create("fifo:" + fifo);
            Files.setAttribute(fifo, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            assertRefusedThenTrusted("fifo:" + fifo);
        }
        finally
        {
            Files.deleteIfExists(fifo);
        }
    }

    @Test
    void aUnixSocketOwnedByAnotherUserIsRefusedToPublishersUnlessTrusted() throws Exception
    {
        for (final String scheme : new String[] {"unix", "unixgram"})
        {
            final Path socket = Path.of("/tmp/ringline-foreign-" + token() + ".sock");
            try (Ringline ringline = Ringline.connect();
                Subscriber subscriber = ringline.addSubscriber(scheme + ":" + socket))
            {
                Files.setAttribute(socket, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                final RinglineException ex = assertThrows(RinglineException.class,
                    () -> ringline.addPublisher(scheme + ":" + socket));
                assertTrue(ex.getMessage().contains("owned by uid=" + NOBODY) &&
                    ex.getMessage().contains("any-owner=true"), ex.getMessage());
                ringline.addPublisher(scheme + ":" + socket + "?any-owner=true").close();
                assertFalse(subscriber.isClosed());
            }
            finally
            {
                Files.deleteIfExists(socket);
            }
        }
    }

    @Test
    void aPosixQueueOwnedByAnotherUserIsRefusedUnlessTrusted() throws Exception
    {
        final String channel = "mq:/ringline-foreign-" + token();
        final Path mount = MqueueMount.find();
        assumeTrue(null != mount, "no mqueue file system to give a queue away through here; ForeignObjectTest " +
            "covers queues in both mount states");
        final Path entry = mount.resolve(channel.substring(4));
        try
        {
            create(channel);
            Files.setAttribute(entry, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            assertRefusedThenTrusted(channel);
        }
        finally
        {
            remove(channel);
        }
    }

    @Test
    void aSystemVQueueOwnedByAnotherUserIsRefusedUnlessTrusted() throws Exception
    {
        final int key = 0x56000000 | ThreadLocalRandom.current().nextInt(0x00FFFFFF) + 1;
        final String channel = "sysvmq:" + key;
        try
        {
            create(channel);
            final int id = Native.libc().msgget(key, 0);
            final NativeBuffer status = new NativeBuffer(120);
            assertEquals(0, Native.libc().msgctl(id, Native.IPC_STAT, status.address()));
            status.buffer().putInt(Native.IPC_PERM_UID_OFFSET, NOBODY);
            assertEquals(0, Native.libc().msgctl(id, IPC_SET, status.address()), Native.describe(Native.errno()));
            assertRefusedThenTrusted(channel);
        }
        finally
        {
            remove(channel);
        }
    }

    private static String token()
    {
        assumeTrue(Native.libc().geteuid() == 0, "not root: cannot give an object to another user");
        return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }

    private static void create(final String channel)
    {
        try (Ringline ringline = Ringline.connect())
        {
            ringline.addSubscriber(channel).close();
        }
    }

    private static void remove(final String channel)
    {
        try (Ringline ringline = Ringline.connect())
        {
            ringline.removeChannel(channel);
        }
    }

    private static void assertRefusedThenTrusted(final String channel)
    {
        try (Ringline ringline = Ringline.connect())
        {
            final RinglineException ex = assertThrows(RinglineException.class, () -> ringline.addSubscriber(channel));
            assertTrue(ex.getMessage().contains("owned by uid=" + NOBODY) && ex.getMessage().contains("any-owner=true"),
                ex.getMessage());
            ringline.addSubscriber(channel + "?any-owner=true").close();
        }
    }
}
