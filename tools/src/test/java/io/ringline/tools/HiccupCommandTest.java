package io.ringline.tools;

import io.ringline.tools.cpu.CpuList;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code ringline hiccup}: a short run writes an interval log per CPU that HdrHistogram reads back, and what it
 * prints is that log's distribution; a bad CPU list is a usage error naming the bad token or CPU; SIGTERM ends a run
 * at once, with the summary printed and the log complete.
 */
@Timeout(120)
class HiccupCommandTest
{
    private static final long SIGTERM_EXIT_WITHIN_MS = 3_000;

    @TempDir
    Path dir;

    @Test
    void writesAReadableLogThatMatchesWhatItPrints() throws IOException
    {
        final int cpu = firstAllowedCpu();
        final Path out = dir.resolve("logs");
        final Cli.Result result = new Cli(dir).run("hiccup", "--seconds", "2", "--cpus", Integer.toString(cpu),
            "--out", out.toString(), "--interval", "500ms").assertOk();

        final Histogram logged = readLog(out.resolve("hiccup-cpu" + cpu + ".hlog"));
        assertTrue(logged.getTotalCount() > 0, "a CPU gets at least its timer ticks in 2 s");
        final String[] row = rowOf(result.stdout(), cpu);
        assertEquals(Long.toString(logged.getTotalCount()), row[1], result.stdout());
        final double[] percentiles = { 50, 99, 99.9, 99.99, 100 };
        for (int i = 0; i < percentiles.length; i++)
        {
            assertEquals(HiccupCommand.micros(logged, percentiles[i]), row[2 + i],
                "p" + percentiles[i] + " in " + result.stdout());
        }
        try (var files = Files.list(out))
        {
            assertEquals(1, files.count(), "one log per CPU sampled");
        }
    }

    @Test
    void aBadCpuListIsAUsageErrorNamingWhatIsWrong()
    {
        final Cli cli = new Cli(dir);
        cli.run("hiccup", "--cpus", "0-x").assertFails(2, "--cpus", "'0-x'", "not a CPU number");
        cli.run("hiccup", "--cpus", "3-1").assertFails(2, "--cpus", "'3-1'");
        final String allowed = CpuList.format(allowedCpus());
        cli.run("hiccup", "--cpus", "4095").assertFails(2, "cpu 4095", "allowed: " + allowed);
        cli.run("hiccup", "--seconds", "0", "--cpus", Integer.toString(firstAllowedCpu()))
            .assertFails(2, "--seconds");
    }

    @Test
    void sigtermEndsARunAtOnceWithItsSummaryAndLog() throws Exception
    {
        final int cpu = firstAllowedCpu();
        final Path out = dir.resolve("logs");
        final Path stdout = dir.resolve("stdout.txt");
        final Process hiccup = new Cli(dir)
            .command("hiccup", "--seconds", "60", "--cpus", Integer.toString(cpu), "--out", out.toString())
            .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try
        {
            final Path log = out.resolve("hiccup-cpu" + cpu + ".hlog");
            awaitIntervals(log, hiccup);
            final long signalledNs = System.nanoTime();
            hiccup.destroy(); // SIGTERM
            assertTrue(hiccup.waitFor(30, TimeUnit.SECONDS), "hiccup exits on SIGTERM");
            final long exitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalledNs);
            assertTrue(exitMs < SIGTERM_EXIT_WITHIN_MS, "exited " + exitMs + " ms after SIGTERM");
            assertEquals(128 + 15, hiccup.exitValue());
            final Histogram logged = readLog(log);
            assertEquals(Long.toString(logged.getTotalCount()), rowOf(Files.readString(stdout), cpu)[1]);
        }
        finally
        {
            hiccup.destroyForcibly().waitFor();
        }
    }

    private static void awaitIntervals(final Path log, final Process process) throws Exception
    {
        for (int attempt = 0; attempt < 600; attempt++)
        {
            if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(line -> !line.startsWith("#") &&
                !line.startsWith("\"")))
            {
                return;
            }
            if (!process.isAlive())
            {
                fail("hiccup exited with " + process.exitValue() + " before writing an interval");
            }
            Thread.sleep(100);
        }
        fail("no interval in " + log);
    }

    private static Histogram readLog(final Path log) throws IOException
    {
        final HistogramLogReader reader = new HistogramLogReader(new File(log.toString()));
        final Histogram total = new Histogram(3);
        EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null)
        {
            total.add((Histogram)interval);
        }
        return total;
    }

    private static String[] rowOf(final String stdout, final int cpu)
    {
        return Arrays.stream(stdout.split("\n"))
            .map(line -> line.trim().split("\\s+"))
            .filter(columns -> columns.length >= 8 && columns[0].equals(Integer.toString(cpu)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no row for cpu " + cpu + " in " + stdout));
    }

    private static int firstAllowedCpu()
    {
        return allowedCpus()[0];
    }

    /** The CPUs a child process may use, as the kernel reports them for this one. */
    private static int[] allowedCpus()
    {
        try
        {
            final List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            for (final String line : status)
            {
                if (line.startsWith("Cpus_allowed_list:"))
                {
                    return CpuList.parse(line.substring(line.indexOf(':') + 1));
                }
            }
            throw new AssertionError("no Cpus_allowed_list in /proc/self/status");
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
