package io.ringline.perf;

import io.ringline.perf.bench.BenchPlan;
import io.ringline.perf.bench.BenchResults;
import io.ringline.perf.bench.BenchSuite;
import io.ringline.perf.bench.ProgressListener;
import io.ringline.perf.bench.RunResult;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs a short plan for the peer tests, in child processes as {@code ringline bench} does, and fails on the first
 * look if any run failed or was skipped, naming each with its error.
 */
final class PlanRuns
{
    private PlanRuns()
    {
    }

    /**
     * @param plan to run, with tiny counts.
     * @return its results, every run of which is OK.
     * @throws Exception if the suite cannot run.
     */
    static BenchResults runExpectingNoFailure(final BenchPlan plan) throws Exception
    {
        final List<String> failures = new ArrayList<>();
        final BenchResults results = BenchSuite.run(plan, new ProgressListener()
        {
            @Override
            public void onStart(final int index, final int total, final String label)
            {
            }

            @Override
            public void onEnd(final RunResult result, final Throwable error)
            {
                if (!result.ok())
                {
                    failures.add(result.describe() + (null == error ? "" : " " + error));
                }
            }
        }, null);
        assertEquals(List.of(), failures);
        return results;
    }
}
