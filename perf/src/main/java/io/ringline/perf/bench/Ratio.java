package io.ringline.perf.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

import io.ringline.perf.Median;

/**
 * A {@link Comparison} evaluated at one size: the ratio in every round where both peers were measured, their median,
 * the verdict on the median, and the best-to-best ratio (each peer's best round: lowest p50, highest rate).
 *
 * <p>A gate fails when its median misses <em>and</em> its best-to-best ratio misses too. These virtual machines jump
 * between a fast and a slow state from one process pair to the next (a 190 ns or a 600 ns round trip for the same
 * code), so one peer can land in the slow state in most of a few rounds by chance and move the median by 3x; a real
 * regression moves its best round as well. Targets (not gates) are judged on the median alone.
 *
 * @param comparison what was compared.
 * @param size       message bytes.
 * @param perRound   the ratio of each round where both were measured, in round order.
 * @param best       the peer's best round divided by the reference's best round, or NaN.
 * @param verdict    on the median.
 */
public record Ratio(Comparison comparison, int size, List<Double> perRound, double best, Verdict verdict)
{
    /**
     * The outcome of a comparison.
     */
    public enum Verdict
    {
        /** The median meets the target. */
        MET,
        /** The median misses it. */
        MISSED,
        /** There is no target: the ratio is shown only. */
        INFO,
        /** No round measured both peers. */
        NOT_MEASURED
    }

    /**
     * Evaluates every comparison that applies to the plan: both peers planned, at each planned size it applies to.
     *
     * @param results of a benchmark.
     * @return one ratio per comparison and size.
     */
    public static List<Ratio> evaluate(final BenchResults results)
    {
        final BenchPlan plan = results.plan();
        final List<Ratio> ratios = new ArrayList<>();
        for (final Comparison comparison : Comparison.ALL)
        {
            final List<String> planned =
                comparison.kind() == RunKind.ROUND_TRIP ? plan.roundTripPeers() : plan.throughputPeers();
            if (!planned.contains(comparison.peer()) || !planned.contains(comparison.reference()))
            {
                continue;
            }
            for (final int size : plan.config().sizes())
            {
                if (comparison.size() == 0 || comparison.size() == size)
                {
                    ratios.add(evaluate(results, comparison, size));
                }
            }
        }
        return ratios;
    }

    private static Ratio evaluate(final BenchResults results, final Comparison comparison, final int size)
    {
        final List<Double> perRound = new ArrayList<>();
        final List<Double> peers = new ArrayList<>();
        final List<Double> references = new ArrayList<>();
        for (int round = 1; round <= results.plan().config().rounds(); round++)
        {
            final OptionalDouble peer = results.roundValue(comparison.peer(), comparison.figure(), size, round);
            final OptionalDouble reference = results.roundValue(comparison.reference(), comparison.figure(), size, round);
            if (peer.isPresent() && reference.isPresent() && reference.getAsDouble() > 0)
            {
                perRound.add(peer.getAsDouble() / reference.getAsDouble());
                peers.add(peer.getAsDouble());
                references.add(reference.getAsDouble());
            }
        }
        final boolean lowerIsBetter = comparison.kind() == RunKind.ROUND_TRIP;
        final double best = perRound.isEmpty() ? Double.NaN : best(peers, lowerIsBetter) / best(references,
            lowerIsBetter);
        final Verdict verdict;
        if (perRound.isEmpty())
        {
            verdict = Verdict.NOT_MEASURED;
        }
        else if (Double.isNaN(comparison.limit()))
        {
            verdict = Verdict.INFO;
        }
        else
        {
            verdict = comparison.met(Median.ofDoubles(perRound)) ? Verdict.MET : Verdict.MISSED;
        }
        return new Ratio(comparison, size, List.copyOf(perRound), best, verdict);
    }

    private static double best(final List<Double> values, final boolean lowest)
    {
        return lowest ? Collections.min(values) : Collections.max(values);
    }

    /**
     * @return the median of the per-round ratios, or NaN if none.
     */
    public double median()
    {
        return perRound.isEmpty() ? Double.NaN : Median.ofDoubles(perRound);
    }

    /**
     * @return true for a gate whose median and best-to-best ratio both miss, or that could not be measured: the
     *         benchmark fails.
     */
    public boolean failsGate()
    {
        return comparison.gate() &&
            (verdict == Verdict.NOT_MEASURED || (verdict == Verdict.MISSED && !comparison.met(best)));
    }
}
