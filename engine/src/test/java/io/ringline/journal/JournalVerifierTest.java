package io.ringline.journal;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.memory.MappedFileMemory;
import io.ringline.ring.RecordDescriptor;
import io.ringline.process.ChildProcess;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link JournalVerifier}: an intact journal verifies; a scribbled record, a torn tail, a corrupt segment header and
 * a writer process killed between claim and commit are each found, repaired, and verify clean afterwards with every
 * committed message still there.
 */
@Timeout(120)
class JournalVerifierTest
{
    private Path directory;
    private String uri;

    @BeforeEach
    void write()
    {
        directory = Path.of(System.getProperty("java.io.tmpdir"),
            "ringline-journal-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        uri = "journal:" + directory + "?segment=64k";
    }

    @AfterEach
    void delete() throws Exception
    {
        JournalTestSupport.deleteTree(directory);
    }

    private void publish(final int count)
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Publisher publisher = ringline.addPublisher(uri))
        {
            for (int i = 0; i < count; i++)
            {
                assertTrue(publisher.offer(JournalTest.message(i, 200), 0, 200, 1) > 0);
                ringline.doWork();
            }
        }
    }

    private long readAll()
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Subscriber subscriber = ringline.addSubscriber(uri + "&from=start"))
        {
            final long[] count = new long[1];
            while (subscriber.poll((buffer, offset, length, header) -> count[0]++, 100) > 0)
            {
                // more
            }
            return count[0];
        }
    }

    /** Runs an action on the mapped file, as another program scribbling on it would. */
    private void onFile(final String name, final java.util.function.Consumer<AtomicBuffer> action)
    {
        final MappedFileMemory memory = MappedFileMemory.open(directory.resolve(name));
        try
        {
            action.accept(memory.buffer());
        }
        finally
        {
            memory.close();
        }
    }

    @Test
    void anIntactJournalVerifies()
    {
        publish(1000);
        final JournalVerifier verifier = JournalVerifier.verify(directory);
        assertTrue(verifier.isIntact(), verifier.damage().toString());
        assertEquals(1000, verifier.messages());
    }

    @Test
    void aScribbledRecordIsFoundAndPaddedOver()
    {
        publish(1000);
        final int recordLength = RecordDescriptor.alignedLength(200);
        onFile(SegmentDescriptor.fileName(1), file -> file.putInt(SegmentDescriptor.RECORDS_OFFSET +
            10 * recordLength + RecordDescriptor.FRAME_LENGTH_OFFSET, 1 << 20));
        final JournalVerifier verified = JournalVerifier.verify(directory);
        assertFalse(verified.isIntact());
        assertTrue(verified.damage().get(0).contains("corrupt record"), verified.damage().toString());

        final JournalVerifier repaired = JournalVerifier.repair(directory, false);
        assertTrue(repaired.isIntact(), repaired.damage().toString());
        assertEquals(999, repaired.messages(), "all but the scribbled one");
        assertEquals(999, readAll());
    }

    @Test
    void aTornTailIsTruncated()
    {
        publish(100);
        onFile(Journal.META_FILE, meta -> meta.getAndAddLong(JournalDescriptor.TAIL_OFFSET, 4096));
        final JournalVerifier verified = JournalVerifier.verify(directory);
        assertTrue(verified.damage().get(0).startsWith("hole at position="), verified.damage().toString());

        final JournalVerifier repaired = JournalVerifier.repair(directory, false);
        assertTrue(repaired.isIntact(), repaired.damage().toString());
        assertTrue(repaired.repairs().get(0).startsWith("torn tail truncated"), repaired.repairs().toString());
        assertEquals(100, readAll());
        publish(10);
        assertEquals(110, readAll(), "writes go on from the truncated tail");
    }

    @Test
    void aCorruptSegmentHeaderIsRefusedAndRewritten()
    {
        publish(1000);
        onFile(SegmentDescriptor.fileName(2), file -> file.putLong(SegmentDescriptor.SALT_OFFSET, 42));
        final JournalVerifier verified = JournalVerifier.verify(directory);
        assertFalse(verified.isIntact());
        assertTrue(verified.damage().get(0).contains("segment header is corrupt"), verified.damage().toString());
        final JournalVerifier repaired = JournalVerifier.repair(directory, false);
        assertTrue(repaired.isIntact(), repaired.damage().toString());
        assertEquals(1000, readAll());
    }

    @Test
    void aWriterKilledBetweenClaimAndCommitLeavesAHoleRepairPads() throws Exception
    {
        try (ChildProcess writer = ChildProcess.startJvm(JournalChild.ClaimAndHangMain.class, uri))
        {
            writer.awaitLine("claimed", 60_000);
            writer.kill();
        }
        publish(50);
        final JournalVerifier verified = JournalVerifier.verify(directory);
        assertTrue(verified.damage().get(0).startsWith("hole at position="), verified.damage().toString());
        assertEquals(100, verified.messages(), "up to the hole");

        final JournalVerifier repaired = JournalVerifier.repair(directory, false);
        assertTrue(repaired.isIntact(), repaired.damage().toString());
        assertTrue(repaired.repairs().get(0).contains("dead writer's claim end"), repaired.repairs().toString());
        assertEquals(150, readAll());
    }
}
