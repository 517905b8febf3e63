package io.ringline.tools.doctor;

import io.ringline.os.ProcFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A check whose input is bad is a warning that names the input and what is wrong with it, never an exception; a number
 * beyond a long (kernel.shmmax's default) is no limit.
 */
class CheckTest
{
    @TempDir
    Path dir;

    @Test
    void aFileThatCannotBeReadIsAWarning()
    {
        final CheckResult result = new Check("directory", "why", "fix", () ->
            Finding.ok(ProcFiles.firstLine(dir))).run();
        assertEquals(Verdict.WARN, result.verdict());
        assertTrue(result.value().startsWith("could not be read: ") && result.value().contains(dir.toString()),
            result.value());
        assertEquals("why", result.why());
        assertEquals("fix", result.fix());
    }

    @Test
    void aFileThatHoldsNoNumberIsAWarningNamingItAndWhatItHolds() throws IOException
    {
        final Path garbage = Files.writeString(dir.resolve("swappiness"), "sixty\n");
        final CheckResult result = new Check("garbage", "why", "fix", () ->
            Finding.ok(Long.toString(ProcFiles.number(garbage)))).run();
        assertEquals(Verdict.WARN, result.verdict());
        assertTrue(result.value().contains("file=" + garbage) && result.value().contains("'sixty'"), result.value());
    }

    @Test
    void aMeasurementThatThrowsIsAWarning()
    {
        final CheckResult result = new Check("broken", "why", "fix", () ->
        {
            throw new IllegalStateException("sched_setaffinity cpu=7 failed");
        }).run();
        assertEquals(Verdict.WARN, result.verdict());
        assertTrue(result.value().contains("sched_setaffinity cpu=7 failed"), result.value());
    }

    @Test
    void numbersBeyondALongAreNoLimit() throws IOException
    {
        assertEquals(ProcFiles.UNLIMITED,
            ProcFiles.number(Files.writeString(dir.resolve("shmmax"), "18446744073692774399\n")));
        assertEquals("unlimited", Bytes.format(ProcFiles.UNLIMITED));
        assertEquals("64 MiB", Bytes.format(64L << 20));
        assertEquals("1.5 KiB", Bytes.format(1536));
    }

    @Test
    void kernelParametersStopAtTheInitArguments()
    {
        assertEquals("2-3", CpuChecks.kernelParameters("quiet nohz_full=2-3 -- rcu_nocbs=1").get("nohz_full"));
        assertTrue(!CpuChecks.kernelParameters("quiet nohz_full=2-3 -- rcu_nocbs=1").containsKey("rcu_nocbs"));
    }
}
