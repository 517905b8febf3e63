package io.ringline.memory;

import io.ringline.RinglineException;
import io.ringline.test.SmallTmpfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link MappedFileMemory.Creation}, a file created in steps (the journal's conductor creates its next segment so):
 * the target name appears only once the file is whole, a lost race opens nothing of ours, a full file system fails a
 * step with an exception that says so, and nothing is left behind in any case. Runs on a 20 MiB tmpfs mounted for the
 * test, and is skipped with the reason where mounting is not permitted.
 */
@Timeout(60)
class MappedFileCreationTest
{
    private static final int LENGTH = 8 << 20;

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

    private static List<String> entries() throws IOException
    {
        try (Stream<Path> list = Files.list(mount))
        {
            return list.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void theTargetAppearsWholeOnlyAtFinish() throws Exception
    {
        tmpfs.assumeMounted();
        final Path target = mount.resolve("stepped");
        try (MappedFileMemory.Creation creation = MappedFileMemory.Creation.start(target, LENGTH, 0640))
        {
            int steps = 0;
            while (creation.reserveStep(1 << 20))
            {
                steps++;
                assertFalse(Files.exists(target), "no target before finish, step " + steps);
                assertEquals(1, entries().size(), "only the temporary file: " + entries());
            }
            assertEquals(8, steps, "8 MiB in 1 MiB steps");
            assertFalse(creation.reserveStep(1 << 20), "nothing left to reserve");
            try (MappedFileMemory memory = creation.finish(buffer -> buffer.putLong(0, 0x5eedL)))
            {
                assertNotNull(memory);
                assertTrue(memory.isCreator());
                assertEquals(LENGTH, memory.buffer().capacity());
                memory.buffer().putLong(LENGTH - 8, 42L); // the last page is backed: no SIGBUS
            }
        }
        assertEquals(List.of("stepped"), entries(), "the temporary name is gone, the target stays");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        try (MappedFileMemory reopened = MappedFileMemory.open(target))
        {
            assertEquals(0x5eedL, reopened.buffer().getLong(0), "initialised before it got its name");
            assertEquals(42L, reopened.buffer().getLong(LENGTH - 8));
        }
        Files.delete(target);
    }

    @Test
    void aCreationThatLosesTheRaceReturnsNullAndLeavesTheWinnersFile() throws Exception
    {
        tmpfs.assumeMounted();
        final Path target = mount.resolve("raced");
        try (MappedFileMemory.Creation creation = MappedFileMemory.Creation.start(target, LENGTH, 0600))
        {
            assertTrue(creation.reserveStep(1 << 20));
            try (MappedFileMemory winner = MappedFileMemory.openOrCreate(target, 4096, 0600,
                buffer -> buffer.putLong(0, 7L)))
            {
                assertNull(creation.finish(buffer -> buffer.putLong(0, 9L)), "the target exists: not ours");
                assertEquals(7L, winner.buffer().getLong(0));
            }
        }
        assertEquals(List.of("raced"), entries());
        assertEquals(4096, Files.size(target), "the winner's file, untouched");
        Files.delete(target);
    }

    @Test
    void aStepThatDoesNotFitFailsNamingTheFileAndCloseLeavesNothing() throws Exception
    {
        tmpfs.assumeMounted();
        final Path target = mount.resolve("toolarge");
        try (MappedFileMemory.Creation creation = MappedFileMemory.Creation.start(target, 32 << 20, 0600))
        {
            final RinglineException ex = assertThrows(RinglineException.class, () ->
            {
                while (creation.reserveStep(4 << 20))
                {
                    assertFalse(Files.exists(target));
                }
            });
            assertTrue(ex.getMessage().contains("could not be reserved") && ex.getMessage().contains("No space left"),
                ex.getMessage());
        }
        assertEquals(List.of(), entries(), "nothing left behind, not even the temporary file");
    }

    @Test
    void aClosedCreationRefusesMoreStepsAndAnAbandonedOneLeavesNothing() throws Exception
    {
        tmpfs.assumeMounted();
        final MappedFileMemory.Creation creation =
            MappedFileMemory.Creation.start(mount.resolve("abandoned"), LENGTH, 0600);
        assertTrue(creation.reserveStep(1 << 20));
        creation.close();
        assertEquals(List.of(), entries());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> creation.reserveStep(1));
        assertTrue(ex.getMessage().contains("abandoned"), ex.getMessage());
        creation.close(); // twice is fine
        assertThrows(IllegalArgumentException.class, () -> MappedFileMemory.Creation.start(mount.resolve("x"), 1, 0600));
        assertEquals(List.of(), entries());
    }
}
