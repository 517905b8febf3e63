package io.ringline.perf.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.ringline.perf.BenchConfig;
import io.ringline.perf.bench.BenchPlan;
import io.ringline.perf.bench.Figure;
import io.ringline.perf.bench.ProgressListener;
import io.ringline.perf.bench.Ratio;
import io.ringline.perf.bench.RunResult;
import io.ringline.perf.report.BenchReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the journal comparison as {@code ringline bench --journal} does ({@link BenchPlan#journal}), one round of tiny
 * runs: every peer in its own processes (Chronicle Queue's writer and reader included, with its module options),
 * every run measured, every ratio of issue 13 evaluated, and the report naming them. Checks wiring, not speed.
 */
class JournalComparisonTest
{
    @TempDir
    Path dir;

    @Test
    void aFullRunLeavesTheComparisonOutUnlessNamed()
    {
        final BenchPlan all = BenchPlan.full(BenchConfig.from());
        for (final String peer : JournalComparison.PEER_NAMES)
        {
            assertFalse(all.roundTripPeers().contains(peer) || all.throughputPeers().contains(peer), peer);
        }
        assertTrue(all.roundTripPeers().contains("ringline-shm"));
        final BenchPlan named = BenchPlan.full(BenchConfig.from("peers=chronicle-queue-1m,ringline-journal-replay"));
        assertEquals(List.of("chronicle-queue-1m"), named.roundTripPeers());
        assertEquals(List.of("ringline-journal-replay"), named.throughputPeers());
    }

    @Test
    void everyPeerRunsAndEveryRatioIsMeasured() throws Exception
    {
        final BenchPlan plan = BenchPlan.journal(BenchConfig.from(),
            "rounds=1", "count=5000", "warmup=1000", "seconds=0.1", "warmupSeconds=0.1", "pin=none",
            "timeoutSeconds=60");
        assertEquals(6, plan.roundTripPeers().size(), plan.roundTripPeers().toString());
        assertEquals(5, plan.throughputPeers().size(), plan.throughputPeers().toString());

        final List<RunResult> runs = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        final Path out = dir.resolve("report");
        final List<Ratio> ratios = BenchReport.run(plan, out, new ProgressListener()
        {
            public void onStart(final int index, final int total, final String label)
            {
            }

            public void onEnd(final RunResult result, final Throwable error)
            {
                runs.add(result);
                if (null != error)
                {
                    errors.add(error);
                }
            }
        });

        assertEquals(List.of(), errors);
        assertEquals(11, runs.size());
        for (final RunResult run : runs)
        {
            assertEquals(RunResult.Status.OK, run.status(), run.describe());
            if (null != run.latency())
            {
                assertEquals(5000, run.latency().count(), run.peer());
                assertTrue(run.latency().p50Ns() > 0, run.describe());
            }
            else
            {
                assertTrue(run.msgsPerSecond() > 0, run.describe());
            }
        }

        final Set<String> titles = ratios.stream().map((ratio) -> ratio.comparison().title())
            .collect(Collectors.toSet());
        for (final String title : List.of(
            "ringline-journal-167k / chronicle-queue-167k p99", "ringline-journal-1m / chronicle-queue-1m p99.9",
            "ringline-journal / chronicle-queue msgs/s", "ringline-journal-replay / memcpy-bandwidth msgs/s",
            "ringline-journal-1m / ringline-shm-1m p50"))
        {
            assertTrue(titles.contains(title), title + " in " + titles);
        }
        for (final Ratio ratio : ratios)
        {
            assertNotEquals(Ratio.Verdict.NOT_MEASURED, ratio.verdict(), ratio.comparison().title());
            assertTrue(ratio.median() > 0, ratio.comparison().title());
        }
        assertEquals(11, ratios.stream().filter((ratio) -> ratio.comparison().figure() != Figure.RTT_P50).count());

        final String markdown = Files.readString(out.resolve(BenchReport.MARKDOWN));
        assertTrue(markdown.contains("ringline-journal-167k / chronicle-queue-167k p99.9"), markdown);
        assertTrue(markdown.contains("chronicle-queue-replay"), markdown);
    }
}
