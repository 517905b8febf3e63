package io.ringline.perf;

/**
 * One row of the report: a peer's round-trip percentiles and one-way throughput, each the median over rounds.
 *
 * @param name          of the peer.
 * @param roundTrip     percentiles, or null if the peer has no round-trip run (or every one failed).
 * @param msgsPerSecond throughput, or {@link Double#NaN} if the peer has no throughput run (or every one failed).
 * @param roundTripRounds   rounds the percentiles are the median of.
 * @param throughputRounds  rounds the throughput is the median of.
 */
public record PeerResult(
    String name, LatencySummary roundTrip, double msgsPerSecond, int roundTripRounds, int throughputRounds)
{
}
