package io.ringline.perf.bench;

/**
 * What a run measures.
 */
public enum RunKind
{
    /** Round trips, one message in flight: a latency histogram. */
    ROUND_TRIP("rtt"),

    /** One-way messages per second, the producer in a child process. */
    THROUGHPUT("tput");

    private final String label;

    RunKind(final String label)
    {
        this.label = label;
    }

    /**
     * @return the short label used in file names and progress lines.
     */
    public String label()
    {
        return label;
    }
}
