package io.ringline.perf;

import java.util.List;

/**
 * A transport measured by one-way throughput: a child JVM produces as fast as it can, the harness consumes.
 *
 * <p>The harness calls {@link #runConsumer(BenchSession)}, which sets up the shared resources under
 * {@link BenchSession#directory()}, starts the producer with {@link BenchSession#startProducer(ThroughputPeer, List)}
 * and consumes. The child JVM runs {@link PeerMain}, which finds this peer by {@link #name()} in {@link PeerRegistry}
 * and calls {@link #runProducer(List)} with the same arguments. {@link ProducerLoop} and {@link ThroughputCounter}
 * implement the protocol (warm-up, start marker, measured window, end marker). Register an implementation in
 * {@link PeerRegistry}.
 */
public interface ThroughputPeer
{
    /**
     * @return unique among throughput peers, no spaces; also the row name in the report.
     */
    String name();

    /**
     * Harness side: consumes until the end marker.
     *
     * @param session settings, a private directory under {@code /dev/shm}, child launching and a watchdog.
     * @return data messages per second received in the measured window.
     * @throws Exception if the run fails; the harness reports it and goes on with the next run.
     */
    double runConsumer(BenchSession session) throws Exception;

    /**
     * Child side: produces, typically with {@link ProducerLoop#run(MessageSender, long, long)}, then returns.
     *
     * @param args as given to {@link BenchSession#startProducer(ThroughputPeer, List)}.
     * @throws Exception if the producer fails; the child exits non-zero.
     */
    void runProducer(List<String> args) throws Exception;
}
