package io.ringline.ring;

import io.ringline.RinglineException;
import io.ringline.memory.MappedFileMemory;
import io.ringline.os.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ringline.ring.ConductorStatsDescriptor.*;

/**
 * The conductor's side of its statistics file ({@link ConductorStatsDescriptor}): per cycle, its time into the
 * histogram, the longest cycle, and a stall when a cycle starts more than two intervals after the previous one (the
 * process was stopped, swapped out or starved: Aeron's stall detector). Called by the conductor only.
 */
public final class ConductorStats implements AutoCloseable
{
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Path path;
    private final MappedFileMemory memory;
    private final AtomicBuffer buffer;
    private final LatencyRecorder recorder;
    private final long intervalNs;
    private long cycles;
    private long maxCycleNs;
    private long stalls;
    private long lastStartNs;

    private ConductorStats(final Path path, final MappedFileMemory memory, final long intervalNs, final long nowNs)
    {
        this.path = path;
        this.memory = memory;
        this.buffer = memory.buffer();
        this.intervalNs = intervalNs;
        this.recorder = new LatencyRecorder(buffer, HISTOGRAM_OFFSET, () -> nowNs);
        recorder.reset();
        lastStartNs = nowNs;
    }

    /**
     * Creates this instance's file.
     *
     * @param shmDir     the directory of shared-memory objects.
     * @param intervalNs the conductor's interval.
     * @param nowNs      the conductor clock's time.
     * @return the statistics, to close with the conductor.
     */
    public static ConductorStats create(final String shmDir, final long intervalNs, final long nowNs)
    {
        final long pid = ProcessIdentity.selfPid();
        final Path path = Path.of(shmDir, RingTransportProvider.SHM_PREFIX + NAME_PREFIX + pid + "-" +
            INSTANCES.incrementAndGet());
        try
        {
            Files.deleteIfExists(path); // a previous process of the same pid
        }
        catch (final IOException ex)
        {
            throw new RinglineException("file=" + path + " could not be replaced: " + ex.getMessage(), ex);
        }
        final MappedFileMemory memory = MappedFileMemory.openOrCreate(path, LENGTH, 0600, (buffer) ->
        {
            buffer.putLong(PID_OFFSET, pid);
            buffer.putLong(INTERVAL_OFFSET, intervalNs);
            buffer.putLong(PROCESS_START_OFFSET, ProcessIdentity.selfStartTime());
            buffer.putLongRelease(MAGIC_OFFSET, MAGIC);
        });
        return new ConductorStats(path, memory, intervalNs, nowNs);
    }

    /**
     * Counts one cycle.
     *
     * @param startNs when it started.
     * @param endNs   when it ended.
     */
    public void onCycle(final long startNs, final long endNs)
    {
        final long cycleNs = endNs - startNs;
        recorder.acknowledge();
        recorder.record(cycleNs);
        buffer.putLongRelease(CYCLES_OFFSET, ++cycles);
        if (cycleNs > maxCycleNs)
        {
            maxCycleNs = cycleNs;
            buffer.putLongRelease(MAX_CYCLE_OFFSET, cycleNs);
        }
        if (cycles > 1 && startNs - lastStartNs > 2 * intervalNs)
        {
            buffer.putLongRelease(STALLS_OFFSET, ++stalls);
        }
        lastStartNs = startNs;
        buffer.putLongRelease(LAST_CYCLE_OFFSET, startNs);
    }

    /**
     * @return the file.
     */
    public Path path()
    {
        return path;
    }

    @Override
    public void close()
    {
        memory.close();
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignore)
        {
            // left behind: the next process with this pid and instance number replaces it
        }
    }
}
