package io.ringline.ring;

/**
 * Byte layout of a process's conductor statistics, the file {@code <shmDir>/ringline-conductor-PID-N} (N counts the
 * {@link io.ringline.Ringline} instances of the process), made when the context asks for it
 * ({@code ringline.conductor.stats=true}) and removed when the instance closes. The conductor alone writes the
 * counters, with release; its cycle times (ns) go into a histogram of the latency histograms' layout
 * ({@link LatencyHistogramDescriptor}) at {@link #HISTOGRAM_OFFSET}, which readers swap and drain the same way.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Magic "RLCONDUC" (ready word)                 |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Pid                                           |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Cycles run                                    | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Longest cycle (ns)                            | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Stalls: cycles started over 2 intervals late  | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Interval (ns)                                 | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Last cycle start (ns, the conductor's clock)  | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Process start time (ticks since boot)         | 56
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Cycle time histogram (86400 bytes)            | 64
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ConductorStatsDescriptor
{
    /** "RLCONDUC" in ASCII, read as a little-endian long. */
    public static final long MAGIC = 0x4355444E4F434C52L;
    /** Offset of the magic, stored last with release. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the process's pid. */
    public static final int PID_OFFSET = 8;
    /** Offset of the count of cycles. */
    public static final int CYCLES_OFFSET = 16;
    /** Offset of the longest cycle, ns. */
    public static final int MAX_CYCLE_OFFSET = 24;
    /** Offset of the count of stalls. */
    public static final int STALLS_OFFSET = 32;
    /** Offset of the conductor's interval, ns. */
    public static final int INTERVAL_OFFSET = 40;
    /** Offset of the last cycle's start. */
    public static final int LAST_CYCLE_OFFSET = 48;
    /**
     * Offset of the process's start time ({@code /proc/PID/stat} field 22), so that {@code ringline clean} tells a
     * reused pid from the process that made the file; 0 in files of before it was kept (the pid alone is checked).
     */
    public static final int PROCESS_START_OFFSET = 56;
    /** Offset of the cycle time histogram. */
    public static final int HISTOGRAM_OFFSET = 64;
    /** Length of the file. */
    public static final int LENGTH = HISTOGRAM_OFFSET + LatencyHistogramDescriptor.LENGTH;
    /** Prefix of the file's name, after the shm prefix. */
    public static final String NAME_PREFIX = "conductor-";

    private ConductorStatsDescriptor()
    {
    }
}
