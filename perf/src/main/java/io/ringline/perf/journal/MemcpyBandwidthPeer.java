package io.ringline.perf.journal;

import java.util.List;

import io.ringline.perf.BenchConfig;
import io.ringline.perf.BenchSession;
import io.ringline.perf.MemcpyPeer;
import io.ringline.perf.ThroughputPeer;

/**
 * The memory bandwidth replay is held to, measured in the same run: {@link MemcpyPeer}'s copy loop with 64 KiB blocks
 * over a 64 MiB destination (larger than any cache, like a replay's files), reported as the equivalent rate of
 * {@code size}-byte messages (bytes per second divided by the run's size). So {@link ReplayPeer}'s messages per
 * second divided by this is replay's payload bandwidth as a fraction of memcpy's. No second process.
 */
public final class MemcpyBandwidthPeer implements ThroughputPeer
{
    /**
     * Name in the report.
     */
    public static final String NAME = "memcpy-bandwidth";

    private static final int BLOCK_BYTES = 64 * 1024;
    private static final int DESTINATION_BYTES = 64 * 1024 * 1024;

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     */
    public double runConsumer(final BenchSession session)
    {
        final BenchConfig config = session.config();
        final double bytesPerSecond = MemcpyPeer.copiesPerSecond(
            BLOCK_BYTES, DESTINATION_BYTES, config.warmupNs(), config.measureNs()) * BLOCK_BYTES;
        return bytesPerSecond / config.size();
    }

    /**
     * Not used: the copy runs in the harness.
     *
     * @param args ignored.
     * @throws UnsupportedOperationException always.
     */
    public void runProducer(final List<String> args)
    {
        throw new UnsupportedOperationException("memcpy runs in the harness: name=" + NAME);
    }
}
