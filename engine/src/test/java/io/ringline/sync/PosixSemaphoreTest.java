package io.ringline.sync;

import io.ringline.os.Native;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What only POSIX named semaphores have: names, files in /dev/shm and their modes, unlink.
 */
@Timeout(30)
class PosixSemaphoreTest
{
    @Test
    void badNamesAreRejectedBeforeAnythingIsCreated() throws Exception
    {
        final var before = SyncTestSupport.shmEntries();

        final String tooLong = "n".repeat(SyncNames.MAX_LENGTH + 1);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> PosixSemaphore.create(tooLong, 0));
        assertTrue(ex.getMessage().contains("length=201") && ex.getMessage().contains("name=\"nnnn"),
            ex.getMessage());

        ex = assertThrows(IllegalArgumentException.class, () -> PosixSemaphore.openOrCreate("a/b", 0));
        assertTrue(ex.getMessage().contains("name=\"a/b\"") && ex.getMessage().contains("no '/'"), ex.getMessage());

        ex = assertThrows(IllegalArgumentException.class, () -> PosixSemaphore.open(""));
        assertTrue(ex.getMessage().contains("length=0"), ex.getMessage());

        ex = assertThrows(IllegalArgumentException.class, () -> PosixSemaphore.open("has space"));
        assertTrue(ex.getMessage().contains("character=' '"), ex.getMessage());

        ex = assertThrows(IllegalArgumentException.class, () -> PosixSemaphore.open(".hidden"));
        assertTrue(ex.getMessage().contains("name=\".hidden\" starts with '.'"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NamedRobustMutex.openOrCreate("-rf"));
        assertThrows(IllegalArgumentException.class, () -> NamedEventCount.open("a/../b"));

        assertThrows(IllegalArgumentException.class, () -> PosixSemaphore.open(null));
        assertThrows(IllegalArgumentException.class, () -> PosixSemaphore.unlink("../etc"));

        ex = assertThrows(IllegalArgumentException.class,
            () -> PosixSemaphore.create("x", 0, 0600, SemaphoreKind.MUTEX));
        assertTrue(ex.getMessage().contains("kind=MUTEX"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
            () -> PosixSemaphore.create("x", 2, 0600, SemaphoreKind.BINARY));
        assertTrue(ex.getMessage().contains("initialValue=2"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PosixSemaphore.create("x", -1));
        ex = assertThrows(IllegalArgumentException.class,
            () -> PosixSemaphore.create("x", 0, 01777, SemaphoreKind.COUNTING));
        assertTrue(ex.getMessage().contains("mode=01777"), ex.getMessage());

        assertEquals(before, SyncTestSupport.shmEntries(), "nothing was created");
    }

    @Test
    void theLongestNameWorks()
    {
        final String longest = SyncTestSupport.uniqueName() + "-" + "x".repeat(SyncNames.MAX_LENGTH);
        final String name = longest.substring(0, SyncNames.MAX_LENGTH);
        try (PosixSemaphore semaphore = PosixSemaphore.create(name, 1))
        {
            assertTrue(Files.exists(semaphore.path()), semaphore.path().toString());
            assertTrue(semaphore.tryAcquire());
        }
        finally
        {
            assertTrue(PosixSemaphore.unlink(name));
        }
    }

    @Test
    void existingAndMissingSemaphoresAreReportedWithTheirErrno()
    {
        final String name = SyncTestSupport.uniqueName();
        SyncException ex = assertThrows(SyncException.class, () -> PosixSemaphore.open(name));
        assertEquals(Native.ENOENT, ex.errno());
        assertTrue(ex.getMessage().contains("semaphore=/ringline-" + name + " flags=0 does not exist"),
            ex.getMessage());

        try (PosixSemaphore created = PosixSemaphore.create(name, 2))
        {
            assertTrue(created.isCreator());
            ex = assertThrows(SyncException.class, () -> PosixSemaphore.create(name, 0));
            assertEquals(Native.EEXIST, ex.errno());
            assertTrue(ex.getMessage().contains("already exists") && ex.getMessage().contains("errno=17"),
                ex.getMessage());

            try (PosixSemaphore opened = PosixSemaphore.openOrCreate(name, 0))
            {
                assertFalse(opened.isCreator());
                assertEquals(2, opened.value(), "the creator's value, not this call's");
                assertTrue(opened.tryAcquire());
                assertEquals(1, created.value());
            }
        }
        finally
        {
            assertTrue(PosixSemaphore.unlink(name));
            assertFalse(PosixSemaphore.unlink(name), "already gone");
        }
    }

    @Test
    void anUnlinkedSemaphoreKeepsWorkingForThoseWhoHaveItOpen()
    {
        final String name = SyncTestSupport.uniqueName();
        try (PosixSemaphore semaphore = PosixSemaphore.create(name, 0))
        {
            assertTrue(semaphore.unlink());
            assertFalse(Files.exists(semaphore.path()));
            assertTrue(semaphore.release());
            assertTrue(semaphore.tryAcquire());
            assertThrows(SyncException.class, () -> PosixSemaphore.open(name));
        }
    }

    @Test
    void aValueBeyondSemValueMaxIsAnError()
    {
        final String name = SyncTestSupport.uniqueName();
        try (PosixSemaphore semaphore = PosixSemaphore.create(name, Native.SEM_VALUE_MAX))
        {
            final SyncException ex = assertThrows(SyncException.class, semaphore::release);
            assertEquals(Native.EOVERFLOW, ex.errno());
            assertTrue(ex.getMessage().contains("SEM_VALUE_MAX=2147483647"), ex.getMessage());
            assertEquals(Native.SEM_VALUE_MAX, semaphore.value());
        }
        finally
        {
            PosixSemaphore.unlink(name);
        }
    }

    @Test
    void theModeIsExactlyTheOneAskedForWhateverTheUmask() throws Exception
    {
        final String ownerOnly = SyncTestSupport.uniqueName();
        final String shared = SyncTestSupport.uniqueName();
        try
        {
            try (PosixSemaphore semaphore = PosixSemaphore.create(ownerOnly, 0))
            {
                assertEquals("rw-------", permissions(semaphore.path()));
            }

            // A child with umask 0077 asks for 0660: sem_open alone would give 0600.
            try (ChildProcess child = ChildProcess.startLogged(
                JavaCommand.of(CreateChild.class, shared).options(JavaCommand.SMALL_HEAP).withUmask("0077")))
            {
                assertEquals(0, child.awaitExitCode(20_000), child.output());
            }
            assertEquals("rw-rw----", permissions(SyncNames.semaphorePath(shared)));
        }
        finally
        {
            PosixSemaphore.unlink(ownerOnly);
            PosixSemaphore.unlink(shared);
        }
    }

    private static String permissions(final Path path) throws Exception
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Child: creates semaphore NAME with mode 0660 and checks that its umask is 0077.
     */
    public static final class CreateChild
    {
        /**
         * @param args the name.
         * @throws Exception when the umask is not the one the test set.
         */
        public static void main(final String[] args) throws Exception
        {
            final String status = Files.readString(Path.of("/proc/self/status"));
            if (!status.contains("Umask:\t0077"))
            {
                throw new IllegalStateException("umask not set by the wrapper:\n" + status);
            }
            PosixSemaphore.create(args[0], 0, 0660, SemaphoreKind.COUNTING).close();
        }
    }
}
