package io.ringline.tools;

import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Conductor statistics outside the process: two child JVMs keep them ({@code ringline.conductor.stats=true});
 * {@code stat --openmetrics} and {@code exporter} expose the live one's cycles, stalls, longest cycle and cycle
 * times; after the other is SIGKILLed, {@code clean} removes its file and keeps the live one's.
 */
@Timeout(180)
class ConductorMetricsCleanTest
{
    @TempDir
    Path dir;

    @Test
    void openMetricsShowTheConductorAndCleanRemovesOnlyADeadProcessesFile() throws Exception
    {
        final Cli cli = new Cli(dir);
        try (ChildProcess live = child("live"); ChildProcess killed = child("killed"))
        {
            final Path liveFile = dir.resolve("ringline-conductor-" + live.pid() + "-1");
            final Path killedFile = dir.resolve("ringline-conductor-" + killed.pid() + "-1");
            assertTrue(Files.exists(liveFile) && Files.exists(killedFile), "each child keeps its statistics");

            final String metrics = cli.run("stat", "--openmetrics", "shm:cond").assertOk().stdout();
            System.out.println("$ ringline stat --openmetrics shm:cond\n" + metrics); // a real sample, for tools.md
            final String labels = "{pid=\"" + live.pid() + "\",file=\"ringline-conductor-" + live.pid() + "-1\"";
            assertTrue(metrics.contains("# TYPE ringline_conductor_cycles counter\n"), metrics);
            assertTrue(positive(metrics, "ringline_conductor_cycles_total" + labels + "} "), metrics);
            assertTrue(metrics.contains("ringline_conductor_stalls_total" + labels + "} "), metrics);
            assertTrue(metrics.contains("# UNIT ringline_conductor_max_cycle_seconds seconds\n"), metrics);
            assertTrue(positive(metrics, "ringline_conductor_max_cycle_seconds" + labels + "} "), metrics);
            assertTrue(metrics.contains("# TYPE ringline_conductor_cycle_time_seconds summary\n"), metrics);
            assertTrue(metrics.contains("ringline_conductor_cycle_time_seconds" + labels + ",quantile=\"0.99\"} "),
                metrics);
            assertTrue(positive(metrics, "ringline_conductor_cycle_time_seconds_count" + labels + "} "), metrics);
            assertTrue(metrics.endsWith("# EOF\n"), metrics);

            try (ChildProcess exporter = ChildProcess.startLogged("exporter", cli.command("exporter", "--port", "0",
                "--channels", "shm:cond")))
            {
                final String body = Cli.scrape(exporter).body();
                assertTrue(positive(body, "ringline_conductor_cycle_time_seconds_count" + labels + "} "), body);
                exporter.stop();
            }

            killed.kill(); // SIGKILL: no close, the file stays
            assertTrue(Files.exists(killedFile), "a killed process leaves its file");
            final String dryRun = cli.run("clean", "--no-sysv", "--dry-run").assertOk().stdout();
            assertTrue(dryRun.contains("would remove " + killedFile), dryRun);
            assertTrue(Files.exists(killedFile), "--dry-run removes nothing");
            final String cleaned = cli.run("clean", "--no-sysv", "--force").assertOk().stdout();
            assertTrue(cleaned.contains("removed " + killedFile), cleaned);
            assertTrue(cleaned.contains("kept " + liveFile + ": conductor statistics of running process " +
                live.pid()), cleaned);
            assertFalse(Files.exists(killedFile), "the dead process's file is removed");
            assertTrue(Files.exists(liveFile), "the live process's file is kept, even with --force");
        }
        finally
        {
            cli.run("clean", "--no-sysv", "--force");
        }
    }

    private ChildProcess child(final String label) throws InterruptedException
    {
        final ChildProcess child = ChildProcess.startLogged(JavaCommand.of(ConductorStatsChild.class, "shm:cond")
            .options(JavaCommand.SMALL_HEAP).property("ringline.shm.dir", dir.toString())
            .property("ringline.conductor.stats", "true"));
        child.awaitLine("ready", 60_000);
        return child;
    }

    /** Is the value after this sample's name and labels a number above 0? */
    private static boolean positive(final String exposition, final String sample)
    {
        final int at = exposition.indexOf(sample);
        if (at < 0)
        {
            return false;
        }
        final int end = exposition.indexOf('\n', at);
        return Double.parseDouble(exposition.substring(at + sample.length(), end)) > 0;
    }
}
