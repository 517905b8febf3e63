package io.ringline.perf.bench;

import io.ringline.perf.LatencySummary;

/**
 * The figure of a run a {@link Comparison} divides: a latency percentile of a round-trip run (lower is better) or a
 * throughput run's messages per second (higher is better).
 */
public enum Figure
{
    /** Round-trip time, median: the ring-against-its-peers gates. */
    RTT_P50(RunKind.ROUND_TRIP, "RTT p50"),
    /** Median latency of a latency run (the journal comparison's are one-way). */
    P50(RunKind.ROUND_TRIP, "p50"),
    /** 99th percentile latency. */
    P99(RunKind.ROUND_TRIP, "p99"),
    /** 99.9th percentile latency. */
    P999(RunKind.ROUND_TRIP, "p99.9"),
    /** Messages per second of a throughput run. */
    RATE(RunKind.THROUGHPUT, "msgs/s");

    private final RunKind kind;
    private final String label;

    Figure(final RunKind kind, final String label)
    {
        this.kind = kind;
        this.label = label;
    }

    /**
     * @return the kind of run that has this figure.
     */
    public RunKind kind()
    {
        return kind;
    }

    /**
     * @return the figure in a ratio's title, e.g. {@code p99.9}.
     */
    public String label()
    {
        return label;
    }

    /**
     * @param run measured, of this figure's kind.
     * @return the figure: nanoseconds, or messages per second.
     */
    public double of(final RunResult run)
    {
        final LatencySummary latency = run.latency();
        return switch (this)
        {
            case RTT_P50, P50 -> latency.p50Ns();
            case P99 -> latency.p99Ns();
            case P999 -> latency.p999Ns();
            case RATE -> run.msgsPerSecond();
        };
    }
}
