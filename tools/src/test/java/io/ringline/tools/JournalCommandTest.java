package io.ringline.tools;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.memory.MappedFileMemory;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ringline journal verify} and {@code repair}: exit 0 on an intact journal, 1 with the damage named on a
 * scribbled one, and repair leaves it intact.
 */
@Timeout(120)
class JournalCommandTest
{
    @TempDir
    Path dir;

    @Test
    void verifyFindsAScribbledRecordAndRepairFixesIt()
    {
        final Path journal = dir.resolve("orders");
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Publisher publisher = ringline.addPublisher("journal:" + journal + "?segment=64k"))
        {
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(100));
            for (int i = 0; i < 500; i++)
            {
                assertTrue(publisher.offer(message, 0, 100, 1) > 0);
                ringline.doWork();
            }
        }
        final Cli cli = new Cli(dir);
        final String intact = cli.run("journal", "verify", journal.toString()).assertOk().stdout();
        assertTrue(intact.contains("messages=500") && intact.contains("intact"), intact);

        final MappedFileMemory segment = MappedFileMemory.open(journal.resolve("0000000000000000.segment"));
        segment.buffer().putInt(8192 + 160 * 3 + 8, -7); // the fourth record's frame length
        segment.close();
        final Cli.Result damaged = cli.run("journal", "verify", journal.toString());
        assertEquals(RinglineCli.EXIT_FAILURE, damaged.exitCode(), damaged.stdout());
        assertTrue(damaged.stdout().contains("damage: corrupt record") && damaged.stdout().contains("position=480"),
            damaged.stdout());

        final String repaired = cli.run("journal", "repair", journal.toString()).assertOk().stdout();
        assertTrue(repaired.contains("repaired: position=480") && repaired.contains("messages=499 ") &&
            repaired.contains("intact"), repaired);
    }
}
