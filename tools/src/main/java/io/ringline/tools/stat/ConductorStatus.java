package io.ringline.tools.stat;

import io.ringline.ring.ConductorStatsDescriptor;
import io.ringline.ring.LatencyHistogramDescriptor;
import io.ringline.ring.LatencyHistogramReader;
import io.ringline.ring.RingTransportProvider;
import io.ringline.tools.inspect.ChannelLocation;
import io.ringline.tools.inspect.ChannelStatus;
import io.ringline.tools.json.JsonWriter;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.ringline.ring.ConductorStatsDescriptor.*;

/**
 * A peer process's conductor statistics ({@link ConductorStatsDescriptor}), found by pid in the shm directory:
 * cycles, longest cycle, stalls, and the cycle times since the last drain and since the conductor started.
 *
 * @param pid         the process.
 * @param file        its statistics file.
 * @param cycles      cycles run.
 * @param maxCycleNs  the longest cycle.
 * @param stalls      cycles that started more than two intervals late.
 * @param intervalNs  the conductor's interval.
 * @param cycleTimes  its cycle times since the last drain and since it started.
 */
public record ConductorStatus(long pid, Path file, long cycles, long maxCycleNs, long stalls, long intervalNs,
    SubscriberLatency cycleTimes)
{
    /**
     * @param status a channel's status.
     * @return the processes of its publishers and subscribers, whose conductors {@code stat} shows, in order.
     */
    public static Set<Long> peersOf(final ChannelStatus status)
    {
        final Set<Long> pids = new TreeSet<>();
        status.publishers().forEach((peer) -> pids.add(peer.pid()));
        status.subscribers().forEach((peer) -> pids.add(peer.pid()));
        return pids;
    }

    /**
     * Reads (and drains) the statistics of every conductor of these processes that keeps them.
     *
     * @param pids processes, e.g. a channel's publishers and subscribers.
     * @return one per statistics file found.
     */
    public static List<ConductorStatus> of(final Collection<Long> pids)
    {
        final List<ConductorStatus> found = new ArrayList<>();
        for (final long pid : pids)
        {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(ChannelLocation.shmDir()),
                RingTransportProvider.SHM_PREFIX + NAME_PREFIX + pid + "-*"))
            {
                for (final Path file : files)
                {
                    final ConductorStatus status = read(pid, file);
                    if (null != status)
                    {
                        found.add(status);
                    }
                }
            }
            catch (final IOException ex)
            {
                // the directory went away: nothing to show
            }
        }
        return found;
    }

    private static ConductorStatus read(final long pid, final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS))
        {
            if (channel.size() < LENGTH)
            {
                return null;
            }
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, LENGTH);
            try
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
                if (buffer.getLongVolatile(MAGIC_OFFSET) != MAGIC || buffer.getLong(PID_OFFSET) != pid)
                {
                    return null;
                }
                final LatencyHistogramReader reader = new LatencyHistogramReader(buffer, HISTOGRAM_OFFSET);
                final long[] interval = new long[LatencyHistogramDescriptor.COUNTS_LENGTH];
                final long[] totals = new long[LatencyHistogramDescriptor.COUNTS_LENGTH];
                final long startNs = reader.startTimeNs();
                final long previousDrainNs = reader.lastDrainNs();
                final long intervalNs = buffer.getLong(INTERVAL_OFFSET);
                // the conductor acknowledges once per cycle: wait up to two of them
                final boolean swapped = reader.drain(interval, totals, 2 * intervalNs + 10_000_000L);
                final long nowNs = System.nanoTime();
                final SubscriberLatency times = new SubscriberLatency(-1, swapped,
                    new SubscriberLatency.Window(LatencyArea.histogram(interval), reader.intervalMax(),
                        nowNs - Math.max(previousDrainNs, startNs)),
                    new SubscriberLatency.Window(LatencyArea.histogram(totals), reader.totalMax(), nowNs - startNs));
                return new ConductorStatus(pid, file, buffer.getLongVolatile(CYCLES_OFFSET),
                    buffer.getLongVolatile(MAX_CYCLE_OFFSET), buffer.getLongVolatile(STALLS_OFFSET), intervalNs, times);
            }
            finally
            {
                IoUtil.unmap(mapped);
            }
        }
    }

    /**
     * @param conductors the statuses.
     * @return a table, one line per conductor.
     */
    public static String table(final List<ConductorStatus> conductors)
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format("conductors (cycle time, us)%n  %8s  %10s  %7s  %9s  %9s  %9s%n",
            "pid", "cycles", "stalls", "p50", "p99", "max"));
        for (final ConductorStatus conductor : conductors)
        {
            final SubscriberLatency.Window total = conductor.cycleTimes.total();
            out.append(String.format("  %8d  %10d  %7d  %9.3f  %9.3f  %9.3f%n", conductor.pid, conductor.cycles,
                conductor.stalls, total.valueAt(50) / 1e3, total.valueAt(99) / 1e3, conductor.maxCycleNs / 1e3));
        }
        return out.toString();
    }

    /**
     * Writes {@code "conductors": [...]}.
     *
     * @param json       the writer, inside the channel's object.
     * @param conductors the statuses.
     */
    public static void json(final JsonWriter json, final List<ConductorStatus> conductors)
    {
        json.beginArray("conductors");
        for (final ConductorStatus conductor : conductors)
        {
            json.beginObject()
                .field("pid", conductor.pid)
                .field("cycles", conductor.cycles)
                .field("stalls", conductor.stalls)
                .field("max_cycle_ns", conductor.maxCycleNs)
                .field("interval_ns", conductor.intervalNs);
            LatencyReport.json(json, conductor.cycleTimes, "cycle_time");
            json.endObject();
        }
        json.endArray();
    }
}
