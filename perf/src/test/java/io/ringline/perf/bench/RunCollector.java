package io.ringline.perf.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ProgressListener} for tests that run a plan: keeps every run's result, and describes each one that was not
 * measured with the error that ended it.
 */
public final class RunCollector implements ProgressListener
{
    private final List<RunResult> ends = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    @Override
    public void onStart(final int index, final int total, final String label)
    {
    }

    @Override
    public void onEnd(final RunResult result, final Throwable error)
    {
        ends.add(result);
        if (!result.ok())
        {
            failures.add(result.describe() + (null == error ? "" : " " + error));
        }
    }

    /**
     * @return every run's result, in order.
     */
    public List<RunResult> ends()
    {
        return ends;
    }

    /**
     * @return each run not measured (skipped or failed), described.
     */
    public List<String> failures()
    {
        return failures;
    }
}
