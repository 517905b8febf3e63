package io.ringline.perf.bench;

import java.util.Locale;

import io.ringline.perf.LatencySummary;

/**
 * The outcome of one run of one peer at one message size in one round.
 *
 * @param peer          the peer's name.
 * @param kind          round trip or throughput.
 * @param size          message payload bytes.
 * @param round         from 1.
 * @param status        whether it ran.
 * @param latency       the round-trip percentiles, or null.
 * @param curve         the round-trip percentile curve, or null.
 * @param msgsPerSecond the throughput, or {@link Double#NaN}.
 * @param detail        why it was skipped or failed, else empty.
 */
public record RunResult(
    String peer,
    RunKind kind,
    int size,
    int round,
    Status status,
    LatencySummary latency,
    PercentileCurve curve,
    double msgsPerSecond,
    String detail)
{
    /**
     * Whether a run produced a figure.
     */
    public enum Status
    {
        /** Measured. */
        OK,
        /** The peer cannot run here or at this size; not a failure. */
        SKIPPED,
        /** The run broke. */
        FAILED
    }

    /**
     * @return true when measured.
     */
    public boolean ok()
    {
        return status == Status.OK;
    }

    /**
     * @return the figure compared between peers: RTT p50 in ns, or messages per second.
     */
    public double value()
    {
        return kind == RunKind.ROUND_TRIP ? latency.p50Ns() : msgsPerSecond;
    }

    /**
     * @return the result as one line: the percentiles, the rate, or the status and why.
     */
    public String describe()
    {
        if (!ok())
        {
            return status + ": " + detail;
        }
        return kind == RunKind.ROUND_TRIP ? latency.toString() :
            String.format(Locale.ROOT, "%,.0f msgs/s", msgsPerSecond);
    }
}
