package io.ringline.ring;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.os.Native;
import io.ringline.os.NativeBuffer;
import io.ringline.test.TestChannels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A channel that another user owns is not opened unless the URI says {@code any-owner=true}: its owner could truncate
 * or rewrite it under this process. And a symbolic link planted where a channel would be created is never followed.
 */
@Timeout(60)
class OwnershipAndLinksTest
{
    private static final int NOBODY = 65534;
    private static final int IPC_SET = 1;

    private final List<String> created = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception
    {
        try (Ringline cleaner = Ringline.connect())
        {
            created.forEach(cleaner::removeChannel);
        }
        for (final Path file : files)
        {
            Files.deleteIfExists(file);
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void aChannelOwnedByAnotherUserIsRefusedUnlessTheUriTrustsIt(final TestChannels kind) throws Exception
    {
        assumeTrue(Native.libc().geteuid() == 0, "not root: cannot give a channel to another user");
        final String channel = kind.newChannel();
        created.add(channel);
        try (Ringline creator = Ringline.connect())
        {
            creator.addPublisher(with(channel, "perm=666")).close();
        }
        giveToNobody(kind, channel);

        try (Ringline ringline = Ringline.connect())
        {
            final RinglineException ex = assertThrows(RinglineException.class, () -> ringline.addSubscriber(channel));
            assertTrue(ex.getMessage().contains("owned by uid=" + NOBODY) && ex.getMessage().contains("uid=0") &&
                ex.getMessage().contains("any-owner=true"), ex.getMessage());

            try (Subscriber subscriber = ringline.addSubscriber(with(channel, "any-owner=true"));
                Publisher publisher = ringline.addPublisher(with(channel, "any-owner=true")))
            {
                assertTrue(publisher.isConnected(), "opened on purpose, it works");
                assertFalse(subscriber.isClosed());
            }
        }
    }

    private static void giveToNobody(final TestChannels kind, final String channel) throws Exception
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        if (kind == TestChannels.SYSVSHM)
        {
            final int shmid = Native.libc().shmget(RingTransportProvider.sysvKey(uri), 0, 0);
            final NativeBuffer stat = new NativeBuffer(Native.SHMID_DS_LENGTH);
            assertEquals(0, Native.libc().shmctl(shmid, Native.IPC_STAT, stat.address()));
            stat.buffer().putInt(Native.SHMID_DS_UID_OFFSET, NOBODY);
            assertEquals(0, Native.libc().shmctl(shmid, IPC_SET, stat.address()), Native.describe(Native.errno()));
        }
        else
        {
            Files.setAttribute(RingTransportProvider.path(uri, "/dev/shm"), "unix:uid", NOBODY,
                LinkOption.NOFOLLOW_LINKS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestChannels.class, names = {"SHM", "FILE"})
    void aPlantedSymbolicLinkIsNeverFollowed(final TestChannels kind) throws Exception
    {
        final String channel = kind.newChannel();
        final Path path = RingTransportProvider.path(ChannelUri.parse(channel), "/dev/shm");
        final Path victim = Files.createTempFile("ringline-victim-", ".txt");
        final Path missing = victim.resolveSibling(victim.getFileName() + ".missing");
        files.add(path);
        files.add(victim);
        files.add(missing);
        Files.writeString(victim, "precious");

        try (Ringline ringline = Ringline.connect())
        {
            Files.createSymbolicLink(path, victim);
            RinglineException ex = assertThrows(RinglineException.class, () -> ringline.addPublisher(channel));
            assertTrue(ex.getMessage().contains("symbolic link"), ex.getMessage());
            assertEquals("precious", Files.readString(victim), "the link's target is untouched");

            Files.delete(path);
            Files.createSymbolicLink(path, missing);
            ex = assertThrows(RinglineException.class, () -> ringline.addSubscriber(channel));
            assertTrue(ex.getMessage().contains("symbolic link"), ex.getMessage());
            assertFalse(Files.exists(missing, LinkOption.NOFOLLOW_LINKS), "a dangling link's target is not created");
        }
    }
}
