package io.ringline.perf;

import java.util.Map;

/**
 * The largest message some peers can carry on a stock Linux, so a size matrix skips them above it instead of failing:
 * POSIX and System V message queues (8192 bytes: {@code /proc/sys/fs/mqueue/msgsize_default} and
 * {@code /proc/sys/kernel/msgmax} on a default kernel), UDP (a 65,507-byte datagram, less Ringline's 20-byte
 * datagram header) and Ringline's {@code unixgram:} (largest {@code max-msg} 65,516).
 */
public final class PeerSizeLimit
{
    private static final Map<String, Integer> MAX_SIZE = Map.of(
        "ringline-mq", 8192,
        "c-mq", 8192,
        "ringline-sysvmq", 8192,
        "c-sysvmq", 8192,
        "c-sysvmq-backoff", 8192,
        "ringline-udp", 65_487,
        "ringline-unixgram", 65_516,
        "c-udp", 65_507);

    private PeerSizeLimit()
    {
    }

    /**
     * @param peerName of the peer about to run.
     * @param size     the message size of the run.
     * @throws PeerSkippedException if the peer cannot carry messages of that size.
     */
    public static void check(final String peerName, final int size) throws PeerSkippedException
    {
        final Integer maxSize = MAX_SIZE.get(peerName);
        if (null != maxSize && size > maxSize)
        {
            throw new PeerSkippedException("message larger than the peer carries: size=" + size + ", max=" + maxSize);
        }
    }
}
