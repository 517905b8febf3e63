package io.ringline.journal;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.test.SmallTmpfs;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A journal whose file system fills up: the segment that does not fit is refused when it is created (its blocks
 * reserved first, then mapped), so {@code offer} returns {@link Publisher#STORAGE_FULL} with nothing written, the
 * conductor reports an exception naming the directory and its free space, and every message offered before reads
 * back: never a SIGBUS. Runs on a 1 MiB tmpfs mounted for the test; skipped with the reason where mounting is not
 * permitted.
 */
@Timeout(60)
class JournalNoSpaceTest
{
    private static SmallTmpfs tmpfs;

    @BeforeAll
    static void mountSmallTmpfs() throws Exception
    {
        tmpfs = SmallTmpfs.mount("1m");
    }

    @AfterAll
    static void unmount() throws Exception
    {
        tmpfs.close();
    }

    @Test
    void aFullFileSystemIsAnOfferResultAndAnErrorNeverASigbus() throws Exception
    {
        tmpfs.assumeMounted();
        final Path directory = tmpfs.path().resolve("orders");
        final String uri = "journal:" + directory + "?segment=256k";
        final List<Throwable> errors = new ArrayList<>();
        try (Ringline ringline = Ringline.connect(
            new Ringline.Context().useConductorThread(false).errorHandler(errors::add));
            Publisher publisher = ringline.addPublisher(uri);
            Subscriber subscriber = ringline.addSubscriber(uri + "&from=start"))
        {
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(1000));
            long offered = 0;
            long result;
            while (true)
            {
                message.putLong(0, offered);
                result = publisher.offer(message, 0, 1000, 1);
                if (result < 0)
                {
                    break;
                }
                offered++;
                ringline.doWork();
                assertTrue(offered < 10_000, "a 1 MiB file system cannot hold " + offered + " KiB");
            }
            assertEquals(Publisher.STORAGE_FULL, result);
            assertEquals(Publisher.STORAGE_FULL, publisher.offer(message, 0, 1000, 1), "and stays so, nothing written");
            assertTrue(offered > 500, "three segments of 256 KiB fit: " + offered);
            ringline.doWork();
            assertFalse(errors.isEmpty(), "the conductor reported the failed segment");
            final String text = errors.get(0).getMessage();
            assertTrue(text.contains("directory=" + directory) && text.contains("usable space="), text);

            final long[] read = new long[1];
            while (subscriber.poll((buffer, offset, length, header) ->
            {
                assertEquals(read[0]++, buffer.getLong(offset));
            }, 100) > 0)
            {
                // drain
            }
            assertEquals(offered, read[0], "every message offered before the file system filled up");
        }
        finally
        {
            JournalTestSupport.deleteTree(directory);
        }
    }
}
