package io.ringline.perf.bench;

/**
 * Told about each run as the suite goes, e.g. to draw a progress bar.
 */
public interface ProgressListener
{
    /**
     * A run is about to start.
     *
     * @param index from 1.
     * @param total runs in the plan.
     * @param label e.g. {@code round 2/3 ringline-shm rtt 32B}.
     */
    void onStart(int index, int total, String label);

    /**
     * A run has ended.
     *
     * @param result what it gave.
     * @param error  the exception of a failed run, else null.
     */
    void onEnd(RunResult result, Throwable error);
}
