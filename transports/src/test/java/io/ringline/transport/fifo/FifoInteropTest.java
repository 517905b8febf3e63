package io.ringline.transport.fifo;

import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A FIFO read by a Ringline subscriber with line framing and written by the shell; its mode whatever the umask; and
 * the errors of a path that is not a FIFO.
 */
@Timeout(60)
class FifoInteropTest
{
    private static Path newPath()
    {
        return Path.of(System.getProperty("java.io.tmpdir"),
            "ringline-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".fifo");
    }

    @Test
    void theShellWritesLinesThatASubscriberReads() throws Exception
    {
        final Path path = newPath();
        final String channel = "fifo:" + path + "?framing=line";
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(channel))
        {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)),
                "created owner-only whatever the umask");
            final Process shell = new ProcessBuilder("sh", "-c", "printf 'alpha\\nbeta\\ngamma\\n' > " + path).start();
            final List<String> lines = new ArrayList<>();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lines.size() < 3 && System.nanoTime() < deadline)
            {
                subscriber.receive((buffer, offset, length, header) ->
                    lines.add(buffer.getStringWithoutLengthAscii(offset, length)), 10, TimeUnit.MILLISECONDS.toNanos(200));
            }
            assertEquals(List.of("alpha", "beta", "gamma"), lines);
            assertEquals(0, shell.waitFor());
            ringline.removeChannel(channel);
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void aPathThatIsNotAFifoIsRefused() throws Exception
    {
        final Path path = newPath();
        Files.writeString(path, "plain file");
        try (Ringline ringline = Ringline.connect())
        {
            final io.ringline.RinglineException ex = assertThrows(io.ringline.RinglineException.class,
                () -> ringline.addSubscriber("fifo:" + path));
            assertTrue(ex.getMessage().contains("not a FIFO"), ex.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ringline.addSubscriber("fifo:relative/path"));
            assertThrows(io.ringline.RinglineException.class,
                () -> ringline.addSubscriber("fifo:" + newPath() + "?create=false"));
        }
        finally
        {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void theCreatorUnlinksOnCloseOnlyWhenAsked() throws Exception
    {
        final Path kept = newPath();
        final Path removed = newPath();
        try (Ringline ringline = Ringline.connect())
        {
            ringline.addSubscriber("fifo:" + kept).close();
            ringline.addSubscriber("fifo:" + removed + "?unlink=true").close();
            assertTrue(Files.exists(kept));
            assertFalse(Files.exists(removed));
            assertTrue(ringline.removeChannel("fifo:" + kept));
            assertFalse(Files.exists(kept));
        }
    }
}
