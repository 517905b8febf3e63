package io.ringline.perf;

import java.nio.ByteBuffer;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The yardstick for large messages, in this JVM: copies size-byte blocks from one direct buffer into successive slots
 * of a ring-capacity direct buffer ({@code UnsafeBuffer.putBytes}, i.e. {@code Unsafe.copyMemory}), wrapping like a
 * producer filling a ring, and reports copies per second. At 64 KiB a transport's messages per second divided by this
 * is its throughput as a fraction of memcpy bandwidth. No second process: {@link #runProducer(List)} is not used.
 */
public final class MemcpyPeer implements ThroughputPeer
{
    /**
     * Name in the report.
     */
    public static final String NAME = "memcpy-java";

    private static final int CHECK_CLOCK_EVERY = 64;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public double runConsumer(final BenchSession session)
    {
        final BenchConfig config = session.config();
        final int size = config.size();
        final int capacity = Math.max(config.ringCapacity(), size);
        return copiesPerSecond(size, capacity, config.warmupNs(), config.measureNs());
    }

    /**
     * Copies size-byte blocks into successive slots of a capacity-byte destination, wrapping, for a warm-up and then a
     * measured time, in this thread.
     *
     * @param size      bytes per copy.
     * @param capacity  bytes of the destination, at least size.
     * @param warmupNs  nanoseconds copied before measuring.
     * @param measureNs nanoseconds measured.
     * @return copies per second in the measured time.
     */
    public static double copiesPerSecond(final int size, final int capacity, final long warmupNs, final long measureNs)
    {
        final UnsafeBuffer source = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        final UnsafeBuffer destination = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
        source.setMemory(0, size, (byte)1);

        copyFor(source, destination, warmupNs);
        final long startNs = System.nanoTime();
        final long copies = copyFor(source, destination, measureNs);

        return copies * 1e9 / (System.nanoTime() - startNs);
    }

    private static long copyFor(final UnsafeBuffer source, final UnsafeBuffer destination, final long durationNs)
    {
        final int size = source.capacity();
        final int capacity = destination.capacity();
        final long endNs = System.nanoTime() + durationNs;
        long copies = 0;
        int offset = 0;
        do
        {
            for (int i = 0; i < CHECK_CLOCK_EVERY; i++)
            {
                destination.putBytes(offset, source, 0, size);
                offset += size;
                if (offset + size > capacity)
                {
                    offset = 0;
                }
            }
            copies += CHECK_CLOCK_EVERY;
        }
        while (System.nanoTime() < endNs);

        return copies;
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
