package io.ringline.perf;

import java.util.List;


/**
 * A transport measured by round-trip time: the harness pings, a child JVM pongs, one message in flight.
 *
 * <p>The harness calls {@link #runPing(BenchSession)}, which sets up the shared resources under
 * {@link BenchSession#directory()}, starts the pong with {@link BenchSession#startPong(RoundTripPeer, List)} and
 * measures. The child JVM runs {@link PeerMain}, which finds this peer by {@link #name()} in {@link PeerRegistry} and
 * calls {@link #runPong(List)} with the same arguments. Register an implementation in {@link PeerRegistry}.
 */
public interface RoundTripPeer
{
    /**
     * @return unique among round-trip peers, no spaces; also the row name in the report.
     */
    String name();

    /**
     * Harness side: pings {@link RoundTripRecorder#iterations()} times and records each round trip. Everything
     * started through the session is stopped, and its directory deleted, when the session closes.
     *
     * @param session settings, a private directory under {@code /dev/shm}, child launching and a watchdog.
     * @return the recorder holding the measured round trips in nanoseconds, warm-up excluded.
     * @throws Exception if the run fails; the harness reports it and goes on with the next run.
     */
    RoundTripRecorder runPing(BenchSession session) throws Exception;

    /**
     * Child side: echoes every ping, then returns once the last one has been echoed.
     *
     * @param args as given to {@link BenchSession#startPong(RoundTripPeer, List)}.
     * @throws Exception if the pong fails; the child exits non-zero.
     */
    void runPong(List<String> args) throws Exception;
}
