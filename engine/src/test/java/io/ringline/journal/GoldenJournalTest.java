package io.ringline.journal;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Golden files: a small journal of layout 1.1 written by the code of its time and committed under
 * {@code src/test/resources/io/ringline/journal/golden-1.1}; today's code must still open and read it, so that a
 * layout change that breaks old journals is caught. Regenerate only for a new layout version, into a new folder:
 * {@code -Dringline.golden.write=DIR}.
 */
class GoldenJournalTest
{
    private static final String GOLDEN = "golden-1.1";
    private static final int MESSAGES = 300;

    static int length(final int i)
    {
        return 8 + (i % 13) * 24;
    }

    @Test
    void todaysCodeReadsTheGoldenJournal() throws Exception
    {
        final String write = System.getProperty("ringline.golden.write");
        if (null != write)
        {
            writeGolden(Path.of(write));
        }
        final Path golden = Path.of(GoldenJournalTest.class.getResource(GOLDEN).toURI());
        final Path copy = Path.of(System.getProperty("java.io.tmpdir"),
            "ringline-golden-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        Files.createDirectory(copy);
        try
        {
            try (Stream<Path> files = Files.list(golden))
            {
                for (final Path file : (Iterable<Path>)files::iterator)
                {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
                Subscriber subscriber = ringline.addSubscriber("journal:" + copy + "?from=start&create=false"))
            {
                final List<String> seen = new ArrayList<>();
                while (subscriber.poll((buffer, offset, length, header) -> seen.add(buffer.getInt(offset) + "/" +
                    length + "/" + header.type() + "/" + buffer.getByte(offset + length - 1)), 64) > 0)
                {
                    // drain
                }
                assertEquals(MESSAGES, seen.size(), seen.toString());
                for (int i = 0; i < MESSAGES; i++)
                {
                    assertEquals(i + "/" + length(i) + "/" + (1 + i % 3) + "/" + (byte)i, seen.get(i));
                }
            }
            final JournalVerifier verifier = JournalVerifier.verify(copy);
            assertEquals(List.of(), verifier.damage());
        }
        finally
        {
            JournalTestSupport.deleteTree(copy);
        }
    }

    private static void writeGolden(final Path directory) throws Exception
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Publisher publisher = ringline.addPublisher("journal:" + directory +
                "?segment=64k&max-msg=1k&publishers=1&cursors=2"))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
            for (int i = 0; i < MESSAGES; i++)
            {
                buffer.setMemory(0, length(i), (byte)i);
                buffer.putInt(0, i);
                assertTrue(publisher.offer(buffer, 0, length(i), 1 + i % 3) > 0);
            }
        }
    }
}
