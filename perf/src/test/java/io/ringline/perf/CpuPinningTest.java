package io.ringline.perf;

import io.ringline.os.CpuAffinity;
import io.ringline.process.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A helper (the media driver) must run on every CPU of the process even when the harness thread that starts it is
 * pinned: a child inherits its starting thread's mask, and a driver confined to the harness's spinning CPU starved
 * Aeron's publication limit (the aeron-ipc throughput fault of 2026-12-04 and 2026-12-06).
 */
class CpuPinningTest
{
    @Test
    void helperStartedFromPinnedThreadRunsOnEveryProcessCpu(@TempDir final Path dir) throws Exception
    {
        final int[] processCpus = CpuAffinity.allowedCpus();
        CpuPinning.apply("none"); // loads the class, and with it the process's mask, before any thread is pinned
        assumeTrue(processCpus.length > 1, "needs two CPUs");
        final Path out = dir.resolve("cpus");
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread pinned = new Thread(() ->
        {
            try (BenchSession session = new BenchSession(BenchConfig.from(), Files.createDirectory(dir.resolve("session"))))
            {
                CpuAffinity.pinThisThread(processCpus[0]);
                assertEquals(1, CpuAffinity.allowedCpus().length);
                final ChildProcess child = session.startHelper("cpus", AllowedCpusMain.class, List.of(out.toString()));
                session.awaitSuccess(child);
            }
            catch (final Throwable t)
            {
                failure.set(t);
            }
        });
        pinned.start();
        pinned.join();
        if (failure.get() != null)
        {
            throw new AssertionError(failure.get());
        }
        assertTrue(Files.exists(out), "the helper wrote its mask");
        assertEquals(processCpus.length, Integer.parseInt(Files.readString(out).trim()),
            "CPUs the helper may use");
    }

    /**
     * Writes how many CPUs its main thread may use to the file named by its argument.
     */
    public static final class AllowedCpusMain
    {
        /**
         * @param args the output file.
         * @throws Exception if it cannot be written.
         */
        public static void main(final String[] args) throws Exception
        {
            Files.writeString(Path.of(args[0]), Integer.toString(CpuAffinity.allowedCpus().length));
        }
    }
}
