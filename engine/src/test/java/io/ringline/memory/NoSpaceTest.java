package io.ringline.memory;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.test.SmallTmpfs;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A channel that does not fit in its file system (full, or smaller than the channel) fails to be created with an
 * exception that says so, before anything is mapped: never a SIGBUS on first touch, and no file, temporary or not,
 * left behind. Runs on a 20 MiB tmpfs mounted for the test, and is skipped with the reason where mounting is not
 * permitted.
 */
@Timeout(60)
class NoSpaceTest
{
    private static SmallTmpfs tmpfs;
    private static Path mount;

    @BeforeAll
    static void mountSmallTmpfs() throws Exception
    {
        tmpfs = SmallTmpfs.mount("20M");
        mount = tmpfs.path();
    }

    @AfterAll
    static void unmount() throws Exception
    {
        tmpfs.close();
    }

    private static void assumeMounted()
    {
        tmpfs.assumeMounted();
    }

    private static List<String> entries() throws IOException
    {
        try (Stream<Path> list = Files.list(mount))
        {
            return list.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aChannelLargerThanTheFileSystemFailsCleanly() throws Exception
    {
        assumeMounted();
        try (Ringline ringline = Ringline.connect())
        {
            for (final String capacity : List.of("32m", "1g"))
            {
                final String channel = "file:" + mount + "/big.ring?capacity=" + capacity;
                final RinglineException ex = assertThrows(RinglineException.class,
                    () -> ringline.addPublisher(channel));
                assertTrue(ex.getMessage().contains("could not be reserved") &&
                    ex.getMessage().contains("No space left"), ex.getMessage());
                assertEquals(List.of(), entries(), "nothing left behind, not even the temporary file");
            }
        }
    }

    @Test
    void aChannelThatDoesNotFitInWhatIsLeftFailsCleanlyAndOneThatFitsWorks() throws Exception
    {
        assumeMounted();
        final Path filler = mount.resolve("filler");
        Files.write(filler, new byte[12 << 20]);
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(mount.toString())))
        {
            final RinglineException ex = assertThrows(RinglineException.class,
                () -> ringline.addSubscriber("shm:tight?capacity=16m"));
            assertTrue(ex.getMessage().contains("No space left"), ex.getMessage());
            assertEquals(List.of("filler"), entries());

            final String channel = "file:" + mount + "/fits.ring?capacity=4m";
            try (Subscriber subscriber = ringline.addSubscriber(channel);
                Publisher publisher = ringline.addPublisher(channel))
            {
                final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
                int sent = 0;
                for (int i = 0; i < 4096; i++)
                {
                    sent += publisher.offer(message, 0, 4000) > 0 ? 1 : 0;
                    subscriber.poll((buffer, offset, length, header) -> { }, 10);
                }
                assertEquals(4096, sent, "every page of a channel that was created is backed: no SIGBUS");
            }
            ringline.removeChannel(channel);
        }
        finally
        {
            Files.deleteIfExists(filler);
        }
        assertEquals(List.of(), entries());
    }
}
