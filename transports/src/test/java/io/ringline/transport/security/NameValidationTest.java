package io.ringline.transport.security;

import io.ringline.Ringline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Names that would leave the directory their object belongs in (/dev/shm, /dev/mqueue, the FIFO's directory) are
 * refused before anything is created: no path traversal through a channel URI. (The ring's shm: and file: names and
 * the semaphores' names are checked in the engine's BadInputTest and PosixSemaphoreTest.)
 */
class NameValidationTest
{
    @ParameterizedTest
    @ValueSource(strings = {
        "mq:/../ringline-escape", "mq:/a/b", "mq:/..", "mq:ringline-escape", "shm:../ringline-escape",
        "shm:a/../../ringline-escape", "fifo:/tmp/../tmp/ringline-escape", "fifo:tmp/ringline-escape",
        "file:/tmp/./ringline-escape", "unix:/tmp/../tmp/ringline-escape", "unixgram:relative/ringline-escape"})
    void aNameThatLeavesItsDirectoryIsRefused(final String uri)
    {
        try (Ringline ringline = Ringline.connect())
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> ringline.addSubscriber(uri));
            assertTrue(ex.getMessage().contains(uri.substring(0, uri.indexOf(':'))), ex.getMessage());
        }
        for (final String dir : new String[] {"/dev/shm", "/dev/mqueue", "/tmp", "/dev", "/"})
        {
            assertFalse(Files.exists(Path.of(dir, "ringline-escape")), "nothing created in " + dir);
            assertFalse(Files.exists(Path.of(dir, "ringline-ringline-escape")), "nothing created in " + dir);
        }
    }
}
