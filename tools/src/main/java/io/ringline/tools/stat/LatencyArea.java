package io.ringline.tools.stat;

import io.ringline.RinglineException;
import io.ringline.os.Native;
import io.ringline.ring.LatencyHistogramDescriptor;
import io.ringline.ring.LatencyHistogramReader;
import io.ringline.ring.RingDescriptor;
import io.ringline.tools.inspect.ChannelImage;
import io.ringline.tools.inspect.ChannelLocation;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The latency histograms of a channel created with {@code latency=true}, mapped read-write: only that area (after
 * the ring's data) for a file, so that a tool can swap and drain the histograms while the rest of the channel stays
 * mapped read-only in its {@link ChannelImage}. Each {@link #drain()} ends an interval for every subscriber slot.
 */
public final class LatencyArea implements AutoCloseable
{
    /** How long a drain waits for a subscriber to acknowledge a swap. */
    public static final long ACKNOWLEDGE_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final UnsafeBuffer buffer;
    private final MappedByteBuffer mapped;
    private final long attached;
    private final LatencyHistogramReader[] readers;
    private final long[] interval = new long[LatencyHistogramDescriptor.COUNTS_LENGTH];
    private final long[] totals = new long[LatencyHistogramDescriptor.COUNTS_LENGTH];
    private boolean closed;

    private LatencyArea(final UnsafeBuffer buffer, final MappedByteBuffer mapped, final long attached,
        final int slots)
    {
        this.buffer = buffer;
        this.mapped = mapped;
        this.attached = attached;
        this.readers = new LatencyHistogramReader[slots];
        for (int i = 0; i < slots; i++)
        {
            readers[i] = new LatencyHistogramReader(buffer, (int)LatencyHistogramDescriptor.histogramOffset(0, i));
        }
    }

    /**
     * @param image the channel, validated.
     * @return its histograms, or null when it was created without {@code latency=true}.
     */
    public static LatencyArea open(final ChannelImage image)
    {
        final UnsafeBuffer header = image.buffer();
        if ((header.getInt(RingDescriptor.FLAGS_OFFSET) & RingDescriptor.FLAG_LATENCY) == 0)
        {
            return null;
        }
        final int slots = header.getInt(RingDescriptor.SUBSCRIBER_SLOT_COUNT_OFFSET);
        final long offset = (long)header.getInt(RingDescriptor.HEADER_LENGTH_OFFSET) +
            header.getInt(RingDescriptor.CAPACITY_OFFSET);
        final long length = RingDescriptor.latencyAreaLength(slots);
        final ChannelLocation location = image.location();
        final String where = "channel=" + location + " " + location.object();
        if (null != location.path())
        {
            try (FileChannel channel = FileChannel.open(location.path(), StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))
            {
                final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, offset, length);
                return new LatencyArea(new UnsafeBuffer(mapped), mapped, 0L, slots);
            }
            catch (final IOException ex)
            {
                throw new RinglineException(where + " latency histograms could not be mapped for writing: " +
                    ex.getMessage(), ex);
            }
        }
        final int shmid = Native.libc().shmget(location.sysvKey(), 0, 0);
        final long address = shmid < 0 ? -1L : Native.libc().shmat(shmid, 0L, 0);
        if (address == -1L)
        {
            throw new RinglineException(where + " latency histograms could not be attached for writing: " +
                Native.describe(Native.errno()));
        }
        return new LatencyArea(new UnsafeBuffer(address + offset, (int)length), null, address, slots);
    }

    /**
     * Ends the interval of every subscriber slot: swaps its halves and drains them.
     *
     * @return per slot, the interval's and the totals' histograms, rates and times.
     */
    public List<SubscriberLatency> drain()
    {
        final List<SubscriberLatency> latencies = new ArrayList<>(readers.length);
        for (int slot = 0; slot < readers.length; slot++)
        {
            final LatencyHistogramReader reader = readers[slot];
            final long startNs = reader.startTimeNs();
            final long previousDrainNs = reader.lastDrainNs();
            final boolean swapped = reader.drain(interval, totals, ACKNOWLEDGE_TIMEOUT_NS);
            final long nowNs = System.nanoTime();
            latencies.add(new SubscriberLatency(slot, swapped,
                new SubscriberLatency.Window(histogram(interval), reader.intervalMax(),
                    nowNs - Math.max(previousDrainNs, startNs)),
                new SubscriberLatency.Window(histogram(totals), reader.totalMax(), nowNs - startNs)));
        }
        return latencies;
    }

    /**
     * Rebuilds an HdrHistogram from a counts block.
     *
     * @param counts counts by HdrHistogram index.
     * @return the histogram, of the descriptor's lowest, highest and significant digits.
     */
    public static Histogram histogram(final long[] counts)
    {
        final Histogram histogram = new Histogram(LatencyHistogramDescriptor.LOWEST_VALUE,
            LatencyHistogramDescriptor.HIGHEST_VALUE, LatencyHistogramDescriptor.SIGNIFICANT_DIGITS);
        for (int i = 0; i < counts.length; i++)
        {
            if (counts[i] != 0)
            {
                histogram.recordValueWithCount(LatencyHistogramDescriptor.valueFromIndex(i), counts[i]);
            }
        }
        return histogram;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            ChannelImage.unmap(mapped, attached);
        }
    }
}
