package io.ringline.perf;

import java.util.List;

import io.ringline.perf.bench.BenchPlan;
import io.ringline.perf.bench.BenchResults;
import io.ringline.perf.bench.BenchSuite;
import io.ringline.perf.bench.ProgressListener;
import io.ringline.perf.bench.Ratio;
import io.ringline.perf.bench.RunResult;
import io.ringline.perf.report.MarkdownReport;
import io.ringline.perf.report.ReportTables;

/**
 * The harness from the command line: runs every selected peer ({@link BenchPlan#full(BenchConfig)}) with
 * {@link BenchSuite}, a line per run as it goes, then prints the markdown report (ratios, then per size the medians
 * over rounds) on stdout. Exit code 1 if a run failed or a gate was missed; skipped runs (a peer that cannot run
 * here, see {@link PeerSkippedException}) do not count. {@code ringline bench} does the same and writes files; see
 * {@link BenchConfig} for the settings.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp ... io.ringline.perf.PeerBench rounds=3 sizes=32,4096
 * </pre>
 */
public final class PeerBench
{
    private PeerBench()
    {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code key=value} settings, see {@link BenchConfig}.
     * @throws Exception if the scratch directory cannot be created or removed.
     */
    public static void main(final String[] args) throws Exception
    {
        final BenchPlan plan;
        try
        {
            plan = BenchPlan.full(BenchConfig.from(args));
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        if (plan.totalRuns() == 0)
        {
            System.err.println("no peer selected: " + plan.config());
            System.exit(2);
        }

        final BenchResults results = BenchSuite.run(plan, new ProgressListener()
        {
            public void onStart(final int index, final int total, final String label)
            {
                System.out.print("[" + index + "/" + total + "] " + label + ": ");
                System.out.flush();
            }

            public void onEnd(final RunResult result, final Throwable error)
            {
                System.out.println(result.describe());
                if (null != error)
                {
                    error.printStackTrace();
                }
            }
        }, null);

        final List<Ratio> ratios = Ratio.evaluate(results);
        System.out.println();
        System.out.print(MarkdownReport.render(results, ReportTables.build(results, ratios)));
        if (!results.failed().isEmpty() || ratios.stream().anyMatch(Ratio::failsGate))
        {
            System.exit(1);
        }
    }
}
