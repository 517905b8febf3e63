package io.ringline.perf.bench;

import java.util.List;
import java.util.Locale;

/**
 * A ratio the report shows: a peer's figure divided by a reference peer's, at the same size in the same round. For
 * latency the figure is a percentile ({@link Figure}, the RTT p50 for the ring's gates) and the target is a ratio at
 * most {@link #limit()}; for throughput it is messages per second and the target a ratio at least {@link #limit()}. A gate is a target whose miss fails the
 * benchmark (exit code 1): CI's perf smoke. Gates are set at gross regressions only, never at absolute times.
 *
 * @param peer      the peer measured, e.g. {@code ringline-shm}.
 * @param reference what it is divided by, e.g. {@code aeron-ipc}.
 * @param figure    what is divided: a latency percentile or messages per second.
 * @param size      the only message size it applies to, or 0 for every size.
 * @param limit     the target ratio, or {@link Double#NaN} to show the ratio only.
 * @param gate      true if a miss fails the run.
 */
public record Comparison(String peer, String reference, Figure figure, int size, double limit, boolean gate)
{
    /**
     * Every ratio the report shows, gates first.
     */
    public static final List<Comparison> ALL = List.of(
        gate("ringline-shm", "aeron-ipc", RunKind.ROUND_TRIP, 1.6),
        gate("ringline-shm", "agrona-o2o-ring", RunKind.THROUGHPUT, 0.5),
        target("ringline-shm", "aeron-ipc", RunKind.ROUND_TRIP, 0, 0.95),
        target("ringline-shm", "c-shm-cacheline", RunKind.ROUND_TRIP, 32, 1.3),
        target("ringline-shm", "agrona-o2o-ring", RunKind.ROUND_TRIP, 0, Double.NaN),
        target("ringline-shm", "agrona-o2o-ring", RunKind.THROUGHPUT, 0, 1.0),
        target("ringline-shm", "aeron-ipc", RunKind.THROUGHPUT, 32, 1.2),
        target("ringline-shm", "memcpy-java", RunKind.THROUGHPUT, 65536, 0.5),
        target("ringline-shm", "c-memcpy", RunKind.THROUGHPUT, 65536, 0.5),
        target("ringline-futex", "c-futex", RunKind.ROUND_TRIP, 32, 1.25),
        target("ringline-reqrep", "ringline-shm", RunKind.ROUND_TRIP, 32, 1.1),
        target("ringline-reqrep-futex", "c-futex", RunKind.ROUND_TRIP, 32, 1.1),
        target("ringline-reqrep", "aeron-ipc-reqrep", RunKind.ROUND_TRIP, 0, Double.NaN),
        target("ringline-reqrep-futex", "ringline-futex", RunKind.ROUND_TRIP, 0, Double.NaN),
        target("ringline-fifo", "c-pipe", RunKind.ROUND_TRIP, 0, 1.5),
        target("ringline-fifo", "c-pipe-poll", RunKind.ROUND_TRIP, 0, 1.5),
        target("ringline-mq", "c-mq", RunKind.ROUND_TRIP, 0, 1.5),
        target("ringline-sysvmq", "c-sysvmq", RunKind.ROUND_TRIP, 0, 1.5),
        target("ringline-sysvmq", "c-sysvmq-backoff", RunKind.ROUND_TRIP, 0, 1.5),
        target("ringline-unix", "c-unix-socket", RunKind.ROUND_TRIP, 0, 1.5),
        target("ringline-tcp", "c-tcp", RunKind.ROUND_TRIP, 0, 1.5),
        target("ringline-unixgram", "c-unixgram", RunKind.ROUND_TRIP, 0, 1.5),
        target("ringline-udp", "c-udp", RunKind.ROUND_TRIP, 0, 1.5),
        // The journal against Chronicle Queue and the ring (issue 13; docs/perf.md, "The journal and Chronicle Queue").
        new Comparison("ringline-journal-167k", "chronicle-queue-167k", Figure.P99, 0, 0.5, false),
        new Comparison("ringline-journal-167k", "chronicle-queue-167k", Figure.P999, 0, 0.5, false),
        new Comparison("ringline-journal-1m", "chronicle-queue-1m", Figure.P99, 0, 0.5, false),
        new Comparison("ringline-journal-1m", "chronicle-queue-1m", Figure.P999, 0, 0.5, false),
        new Comparison("ringline-journal", "chronicle-queue", Figure.RATE, 0, 2.0, false),
        new Comparison("ringline-journal-replay", "memcpy-bandwidth", Figure.RATE, 0, 0.5, false),
        new Comparison("chronicle-queue-replay", "memcpy-bandwidth", Figure.RATE, 0, Double.NaN, false),
        new Comparison("ringline-journal-167k", "ringline-shm-167k", Figure.P50, 0, 1.5, false),
        new Comparison("ringline-journal-167k", "ringline-shm-167k", Figure.P99, 0, 1.5, false),
        new Comparison("ringline-journal-1m", "ringline-shm-1m", Figure.P50, 0, 1.5, false),
        new Comparison("ringline-journal-1m", "ringline-shm-1m", Figure.P99, 0, 1.5, false),
        // Beyond one host on Aeron (issue 14; docs/perf.md, "aeron:udp and the bridge").
        target("ringline-aeron-udp", "aeron-udp", RunKind.ROUND_TRIP, 0, 1.05),
        target("ringline-bridged-aeron-udp", "aeron-udp", RunKind.ROUND_TRIP, 0, 1.2),
        target("ringline-bridged-aeron-udp", "aeron-udp", RunKind.THROUGHPUT, 0, 0.8),
        // The trading application against the same pipeline on Aeron IPC (issue 15; docs/perf.md, "Tick to trade").
        new Comparison("trading-ringline", "trading-aeron-ipc", Figure.P50, 0, 0.9, false),
        new Comparison("trading-ringline", "trading-aeron-ipc", Figure.P99, 0, 0.9, false),
        new Comparison("trading-ringline", "trading-aeron-ipc", Figure.P999, 0, Double.NaN, false));

    private static Comparison gate(final String peer, final String reference, final RunKind kind, final double limit)
    {
        return new Comparison(peer, reference, figure(kind), 0, limit, true);
    }

    private static Comparison target(
        final String peer, final String reference, final RunKind kind, final int size, final double limit)
    {
        return new Comparison(peer, reference, figure(kind), size, limit, false);
    }

    private static Figure figure(final RunKind kind)
    {
        return kind == RunKind.ROUND_TRIP ? Figure.RTT_P50 : Figure.RATE;
    }

    /**
     * @return the kind of run both peers' figures come from.
     */
    public RunKind kind()
    {
        return figure.kind();
    }

    /**
     * @param ratio measured.
     * @return true if the ratio meets the target (always true without one).
     */
    public boolean met(final double ratio)
    {
        if (Double.isNaN(limit))
        {
            return true;
        }
        return kind() == RunKind.ROUND_TRIP ? ratio <= limit : ratio >= limit;
    }

    /**
     * @return the target as text, e.g. {@code <= 2.00x} or {@code >= 0.50x}, or {@code -} without one.
     */
    public String targetText()
    {
        if (Double.isNaN(limit))
        {
            return "-";
        }
        return String.format(Locale.ROOT, "%s %.2fx", kind() == RunKind.ROUND_TRIP ? "<=" : ">=", limit);
    }

    /**
     * @return e.g. {@code ringline-shm / aeron-ipc RTT p50}.
     */
    public String title()
    {
        return peer + " / " + reference + " " + figure.label();
    }
}
