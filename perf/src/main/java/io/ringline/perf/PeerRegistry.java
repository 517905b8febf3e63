package io.ringline.perf;

import java.util.List;

import io.ringline.perf.journal.JournalComparison;
import io.ringline.perf.trading.TradingComparison;

/**
 * The peers the benchmark knows, in report order. The harness and every child JVM read the same lists, so a child
 * finds its peer by name. To add one (e.g. Ringline's own transport), implement {@link RoundTripPeer} and/or
 * {@link ThroughputPeer} and append an instance below; a peer doing both should use the same name for both so the
 * report shows it on one row.
 */
public final class PeerRegistry
{
    private static final RinglinePeer RINGLINE_EXCLUSIVE = new RinglinePeer(true, null);
    private static final RinglinePeer RINGLINE_CONCURRENT = new RinglinePeer(false, null);
    private static final BridgedAeronUdpPeer RINGLINE_BRIDGED = new BridgedAeronUdpPeer();

    /** Ringline's kernel transports, through the public API. */
    private static final List<TransportPeer> TRANSPORTS = List.of(
        new TransportPeer("ringline-fifo", "fifo:{dir}/{role}.fifo", true),
        new TransportPeer("ringline-mq", "mq:/ringline-perf-{name}", true),
        new TransportPeer("ringline-sysvmq", "sysvmq:{key}", true),
        new TransportPeer("ringline-unix", "unix:{dir}/{role}.sock", true),
        new TransportPeer("ringline-tcp", "tcp://127.0.0.1:{port}", true),
        new TransportPeer("ringline-unixgram", "unixgram:{dir}/{role}.dgram", true),
        new TransportPeer("ringline-udp", "udp://127.0.0.1:{port}", false),
        new TransportPeer("ringline-aeron-udp", "aeron:udp?endpoint={host}:{port}&driver=embedded", false));

    private static final List<RoundTripPeer> ROUND_TRIP_PEERS = concat(List.of(
        RINGLINE_EXCLUSIVE,
        RINGLINE_CONCURRENT,
        new RinglinePeer(true, "futex"),
        new RinglinePeer(true, "posixsem"),
        new RinglinePeer(true, "sysvsem"),
        new ReqRepRoundTripPeer(null),
        new ReqRepRoundTripPeer("futex"),
        new ShmCacheLinePeer(),
        new AeronIpcRoundTripPeer(),
        new AeronIpcReqRepPeer(),
        new AeronIpcRoundTripPeer(true),
        new RingBufferRoundTripPeer(RingBufferType.ONE_TO_ONE),
        new CRoundTripPeer(CReferenceProgram.SHM_CACHELINE),
        new CRoundTripPeer(CReferenceProgram.FUTEX),
        new CRoundTripPeer(CReferenceProgram.PIPE),
        new CRoundTripPeer(CReferenceProgram.PIPE_POLL),
        new CRoundTripPeer(CReferenceProgram.UNIX_SOCKET),
        new CRoundTripPeer(CReferenceProgram.POSIX_MQ),
        new CRoundTripPeer(CReferenceProgram.SYSV_MQ),
        new CRoundTripPeer(CReferenceProgram.SYSV_MQ_BACKOFF),
        new CRoundTripPeer(CReferenceProgram.TCP),
        new CRoundTripPeer(CReferenceProgram.UDP),
        new CRoundTripPeer(CReferenceProgram.UNIX_DATAGRAM),
        new SocketRoundTripPeer(SocketTransport.UNIX),
        new SocketRoundTripPeer(SocketTransport.TCP),
        new PipeRoundTripPeer(),
        RINGLINE_BRIDGED), concat(TRANSPORTS, concat(JournalComparison.LATENCY_PEERS, TradingComparison.PEERS)));

    private static final List<ThroughputPeer> THROUGHPUT_PEERS = concat(List.of(
        RINGLINE_EXCLUSIVE,
        RINGLINE_CONCURRENT,
        new AeronIpcThroughputPeer(),
        new AeronIpcThroughputPeer(true),
        RINGLINE_BRIDGED,
        new RingBufferThroughputPeer(RingBufferType.ONE_TO_ONE),
        new RingBufferThroughputPeer(RingBufferType.MANY_TO_ONE),
        new SocketThroughputPeer(SocketTransport.UNIX),
        new SocketThroughputPeer(SocketTransport.TCP),
        new MemcpyPeer(),
        new CMemcpyPeer()),
        concat(TRANSPORTS.stream().filter(TransportPeer::measuresThroughput).toList(),
            JournalComparison.THROUGHPUT_PEERS));

    private PeerRegistry()
    {
    }

    private static <T> List<T> concat(final List<? extends T> first, final List<? extends T> second)
    {
        final List<T> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    /**
     * @return every round-trip peer, in report order.
     */
    public static List<RoundTripPeer> roundTripPeers()
    {
        return ROUND_TRIP_PEERS;
    }

    /**
     * @return every throughput peer, in report order.
     */
    public static List<ThroughputPeer> throughputPeers()
    {
        return THROUGHPUT_PEERS;
    }

    /**
     * @param name of a round-trip peer.
     * @return the peer.
     * @throws IllegalArgumentException if there is none by that name.
     */
    public static RoundTripPeer roundTripPeer(final String name)
    {
        for (final RoundTripPeer peer : ROUND_TRIP_PEERS)
        {
            if (peer.name().equals(name))
            {
                return peer;
            }
        }
        throw new IllegalArgumentException("no round-trip peer: name=" + name);
    }

    /**
     * @param name of a throughput peer.
     * @return the peer.
     * @throws IllegalArgumentException if there is none by that name.
     */
    public static ThroughputPeer throughputPeer(final String name)
    {
        for (final ThroughputPeer peer : THROUGHPUT_PEERS)
        {
            if (peer.name().equals(name))
            {
                return peer;
            }
        }
        throw new IllegalArgumentException("no throughput peer: name=" + name);
    }
}
