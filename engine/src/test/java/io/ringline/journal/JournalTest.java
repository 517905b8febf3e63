package io.ringline.journal;

import io.ringline.BufferClaim;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The journal in one process: offer, claims, fragments and rolls across small segments; starting points; named
 * cursors; retention; refusals of what is not a journal or not this journal's.
 */
@Timeout(120)
class JournalTest
{
    private Path directory;
    private String journal;
    private Ringline ringline;

    @BeforeEach
    void open()
    {
        directory = Path.of(System.getProperty("java.io.tmpdir"),
            "ringline-journal-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        journal = "journal:" + directory;
        ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
    }

    @AfterEach
    void close() throws IOException
    {
        ringline.close();
        JournalTestSupport.deleteTree(directory);
    }

    /** Collects each message's first long, its type and its position. */
    static final class Collector implements MessageHandler
    {
        final List<Long> values = new ArrayList<>();
        final List<Long> positions = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            values.add(buffer.getLong(offset));
            positions.add(header.position());
            timestamps.add(header.timestampNs());
            lengths.add(length);
            for (int i = 8; i < length; i++)
            {
                assertEquals((byte)(i * 31), buffer.getByte(offset + i), "payload byte " + i);
            }
        }
    }

    static UnsafeBuffer message(final long value, final int length)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(length, 8)));
        buffer.putLong(0, value);
        for (int i = 8; i < length; i++)
        {
            buffer.putByte(i, (byte)(i * 31));
        }
        return buffer;
    }

    private static void drain(final Subscriber subscriber, final MessageHandler handler)
    {
        while (subscriber.poll(handler, 10) > 0)
        {
            // more
        }
    }

    @Test
    void offersClaimsAndFragmentsRollAcrossSegmentsInOrder()
    {
        final String uri = journal + "?segment=64k&max-msg=1k";
        try (Publisher publisher = ringline.addPublisher(uri);
            Subscriber subscriber = ringline.addSubscriber(uri + "&from=start"))
        {
            final Collector collector = new Collector();
            final BufferClaim claim = new BufferClaim();
            final int count = 3000; // about 10 segments of 64 KiB
            for (int i = 0; i < count; i++)
            {
                final int length = i % 100 == 0 ? 5000 : 8 + (i % 7) * 40; // some fragmented
                if (i % 3 == 0)
                {
                    assertTrue(publisher.tryClaim(8, 2, claim) > 0);
                    claim.buffer().putLong(claim.offset(), i);
                    if (i % 9 == 0)
                    {
                        claim.abort();
                        assertTrue(publisher.offer(message(i, length), 0, length, 1) > 0);
                    }
                    else
                    {
                        claim.commit();
                    }
                }
                else
                {
                    assertTrue(publisher.offer(message(i, length), 0, length, 1) > 0);
                }
                if (i % 50 == 0)
                {
                    drain(subscriber, collector);
                    ringline.doWork();
                }
            }
            drain(subscriber, collector);
            assertEquals(count, collector.values.size());
            for (int i = 0; i < count; i++)
            {
                assertEquals(i, collector.values.get(i));
            }
            assertTrue(publisher.position() > 8 * 64 * 1024, "rolled across segments: tail=" + publisher.position());
            assertEquals(publisher.position(), subscriber.position());
        }
    }

    @Test
    void startsFromStartEndAPositionOrATime() throws Exception
    {
        final String uri = journal + "?segment=64k";
        try (Publisher publisher = ringline.addPublisher(uri))
        {
            final List<Long> positions = new ArrayList<>();
            final List<Long> times = new ArrayList<>();
            for (int i = 0; i < 2000; i++)
            {
                if (i % 500 == 0)
                {
                    Thread.sleep(2);
                    times.add(System.currentTimeMillis() * 1_000_000L);
                    Thread.sleep(2);
                }
                positions.add(publisher.position());
                assertTrue(publisher.offer(message(i, 100), 0, 100, 1) > 0);
                ringline.doWork();
            }
            try (Subscriber fromStart = ringline.addSubscriber(uri + "&from=start");
                Subscriber fromEnd = ringline.addSubscriber(uri + "&from=end");
                Subscriber fromPosition = ringline.addSubscriber(uri + "&from=" + positions.get(1234)))
            {
                final Collector start = new Collector();
                drain(fromStart, start);
                assertEquals(2000, start.values.size());
                final Collector end = new Collector();
                drain(fromEnd, end);
                assertEquals(0, end.values.size());
                final Collector middle = new Collector();
                drain(fromPosition, middle);
                assertEquals(2000 - 1234, middle.values.size());
                assertEquals(1234, middle.values.get(0));
            }
            for (int k = 1; k < times.size(); k++)
            {
                try (Subscriber fromTime = ringline.addSubscriber(uri + "&from=time:" + times.get(k)))
                {
                    final Collector collector = new Collector();
                    drain(fromTime, collector);
                    assertEquals(500 * k, collector.values.get(0), "first message at or after time " + k);
                    assertTrue(collector.timestamps.get(0) >= times.get(k));
                }
            }
        }
    }

    @Test
    void aNamedCursorResumesAfterTheLastPolledMessage()
    {
        final String uri = journal + "?segment=64k";
        try (Publisher publisher = ringline.addPublisher(uri))
        {
            final Collector collector = new Collector();
            for (int i = 0; i < 100; i++)
            {
                publisher.offer(message(i, 16), 0, 16, 1);
            }
            try (Subscriber first = ringline.addSubscriber(uri + "&name=audit&from=start"))
            {
                assertEquals(30, first.poll(collector, 30));
                final RinglineException inUse = assertThrows(RinglineException.class,
                    () -> ringline.addSubscriber(uri + "&name=audit"));
                assertTrue(inUse.getMessage().contains("in use"), inUse.getMessage());
            }
            for (int i = 100; i < 150; i++)
            {
                publisher.offer(message(i, 16), 0, 16, 1);
            }
            try (Subscriber second = ringline.addSubscriber(uri + "&name=audit&from=end"))
            {
                drain(second, collector);
            }
            assertEquals(150, collector.values.size());
            for (int i = 0; i < 150; i++)
            {
                assertEquals(i, collector.values.get(i));
            }
        }
    }

    @Test
    void retentionDeletesOnlySegmentsNoCursorNeeds() throws Exception
    {
        final String uri = journal + "?segment=64k&retain=2";
        try (Publisher publisher = ringline.addPublisher(uri);
            Subscriber slow = ringline.addSubscriber(uri + "&from=start&name=slow"))
        {
            writeAboutTenSegments(publisher);
            assertTrue(segmentFiles().contains(SegmentDescriptor.fileName(0)), "the slow cursor holds segment 0");
            final Collector collector = new Collector();
            drain(slow, collector);
            assertEquals(700, collector.values.size());
            ringline.doWork();
            final List<String> files = segmentFiles();
            assertTrue(files.size() <= 3, "retain=2 once the cursor moved on: " + files);
            try (Subscriber fromStart = ringline.addSubscriber(uri + "&from=start"))
            {
                final Collector late = new Collector();
                drain(fromStart, late);
                assertFalse(late.values.isEmpty());
                assertEquals(699, late.values.get(late.values.size() - 1));
            }
        }
    }

    @Test
    void ageRetentionDeletesASegmentOnceTheNextOnesFirstRecordIsOlderButNeverOneACursorNeeds() throws Exception
    {
        final String uri = journal + "?segment=64k&retain=age:1h";
        try (Publisher publisher = ringline.addPublisher(uri);
            Subscriber slow = ringline.addSubscriber(uri + "&from=start&name=slow"))
        {
            writeAboutTenSegments(publisher);
            final Journal journal = ((JournalPublisher)publisher).journal();
            assertEquals(3_600_000L, journal.retainAgeMs);
            final long tailSegment = journal.segmentIndex(journal.tailVolatile());
            assertTrue(tailSegment >= 8, "segments written: " + tailSegment);
            final long now = System.nanoTime();
            assertEquals(0, journal.retain(now, System.currentTimeMillis() * 1_000_000L), "nothing is an hour old");
            final long hourLater = (System.currentTimeMillis() + 3_700_000L) * 1_000_000L;
            assertEquals(0, journal.retain(now, hourLater), "the slow cursor holds segment 0");
            final Collector collector = new Collector();
            drain(slow, collector);
            assertEquals(700, collector.values.size());

            // The time when segment 5's first record was claimed, plus 1 h plus 1 ns: segments 0 to 4 are too old.
            final long fifthStartedNs = journal.segment(5, false).indexTimestamp(0);
            assertEquals(5, journal.retain(now, fifthStartedNs + 3_600_000_000_000L + 1));
            assertEquals(5, journal.firstSegment());
            assertFalse(segmentFiles().contains(SegmentDescriptor.fileName(4)));
            assertTrue(segmentFiles().contains(SegmentDescriptor.fileName(5)));

            assertEquals(tailSegment - 5, journal.retain(now, hourLater), "all but the tail's segment");
            assertEquals(tailSegment, journal.firstSegment());
            try (Subscriber fromStart = ringline.addSubscriber(uri + "&from=start"))
            {
                final Collector late = new Collector();
                drain(fromStart, late);
                assertFalse(late.values.isEmpty());
                assertEquals(699, late.values.get(late.values.size() - 1));
            }
        }
        final IllegalArgumentException badAge = assertThrows(IllegalArgumentException.class,
            () -> ringline.addPublisher(journal + "?retain=age:10"));
        assertTrue(badAge.getMessage().contains("retain=age:10 must be age:"), badAge.getMessage());
        final RinglineException disagrees = assertThrows(RinglineException.class,
            () -> ringline.addPublisher(journal + "?segment=64k&retain=age:2h"));
        assertTrue(disagrees.getMessage().contains("retain=3600000"), disagrees.getMessage());
    }

    @Test
    void refusesADirectoryThatIsNotAJournalAndACorruptSegment() throws Exception
    {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("notes.txt"), "not a journal");
        final RinglineException notJournal = assertThrows(RinglineException.class,
            () -> ringline.addPublisher(journal));
        assertTrue(notJournal.getMessage().contains("is not a journal"), notJournal.getMessage());
        Files.delete(directory.resolve("notes.txt"));

        final String uri = journal + "?segment=64k";
        try (Publisher publisher = ringline.addPublisher(uri))
        {
            assertTrue(publisher.offer(message(1, 8), 0, 8, 1) > 0);
        }
        ringline.close();
        try (FileChannel file = FileChannel.open(directory.resolve(SegmentDescriptor.fileName(0)),
            StandardOpenOption.WRITE))
        {
            file.write(ByteBuffer.wrap(new byte[] {(byte)0xFF}), SegmentDescriptor.BASE_POSITION_OFFSET);
        }
        ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
        try (Subscriber subscriber = ringline.addSubscriber(uri + "&from=start"))
        {
            final RinglineException corrupt = assertThrows(RinglineException.class,
                () -> subscriber.poll(new Collector(), 10));
            assertTrue(corrupt.getMessage().contains("segment header is corrupt"), corrupt.getMessage());
        }
        final RinglineException mismatch = assertThrows(RinglineException.class,
            () -> ringline.addPublisher(journal + "?segment=128k"));
        assertTrue(mismatch.getMessage().contains("segment=65536"), mismatch.getMessage());
    }

    private List<String> segmentFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".segment"))
                .sorted().collect(java.util.stream.Collectors.toList());
        }
    }

    // 700 messages of 1000 bytes, sequence numbers 0 to 699, with the conductor's work after each: about 10 segments
    // of 64 KiB.
    private void writeAboutTenSegments(final Publisher publisher)
    {
        final UnsafeBuffer message = message(0, 1000);
        for (int i = 0; i < 700; i++)
        {
            message.putLong(0, i);
            assertTrue(publisher.offer(message, 0, 1000, 1) > 0);
            ringline.doWork();
        }
    }
}
