package io.ringline.os;

import io.ringline.RinglineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ProcFiles} on real files: a sysctl of this machine, and files written the way procfs words them.
 */
class ProcFilesTest
{
    @TempDir
    Path dir;

    @Test
    void readsARealTunable() throws IOException
    {
        assertTrue(ProcFiles.number(Path.of("/proc/sys/kernel/pid_max")) > 0);
        assertTrue(ProcFiles.intOr(Path.of("/proc/sys/kernel/msgmax"), -1) > 0);
    }

    @Test
    void readsNumbersOnOneLine() throws IOException
    {
        assertArrayEquals(new long[] {32000, 1024000000, 500, 32000},
            ProcFiles.numbers(Files.writeString(dir.resolve("sem"), "32000\t1024000000\t500\t32000\n")));
    }

    @Test
    void aNumberBeyondALongIsUnlimited() throws IOException
    {
        assertEquals(ProcFiles.UNLIMITED, ProcFiles.number(Files.writeString(dir.resolve("shmmax"),
            "18446744073692774399\n")));
    }

    @Test
    void aMissingFileGivesTheHistoricalValueOrNamesTheFile()
    {
        final Path missing = dir.resolve("msg_max");
        assertEquals(10, ProcFiles.intOr(missing, 10));
        final NoSuchFileException ex = assertThrows(NoSuchFileException.class, () -> ProcFiles.number(missing));
        assertTrue(ex.getMessage().contains("file=" + missing), ex.getMessage());
    }

    @Test
    void aBadValueNamesTheFileAndWhatItHolds() throws IOException
    {
        final Path garbage = Files.writeString(dir.resolve("msgsize_max"), "lots\n");
        final RinglineException ex = assertThrows(RinglineException.class, () -> ProcFiles.intOr(garbage, 1));
        assertTrue(ex.getMessage().contains("file=" + garbage) && ex.getMessage().contains("'lots'"), ex.getMessage());

        final Path big = Files.writeString(dir.resolve("msgmnb"), "4294967296\n");
        final RinglineException tooBig = assertThrows(RinglineException.class, () -> ProcFiles.intOr(big, 1));
        assertTrue(tooBig.getMessage().contains("file=" + big), tooBig.getMessage());
    }
}
