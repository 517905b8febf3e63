package io.ringline.transport.sysvmq;

import io.ringline.RinglineException;
import io.ringline.os.ProcFiles;

import java.nio.file.Path;

/**
 * The kernel's System V message-queue limits, read from {@code /proc/sys/kernel} each time a channel is opened:
 *
 * <pre>
 *   msgmax   longest message (bytes)                      the ceiling of max-msg
 *   msgmnb   bytes a new queue holds (its msg_qbytes)     when the queued bytes reach it, msgsnd would block
 * </pre>
 *
 * @param msgmax the longest message ({@code msgmax}).
 * @param msgmnb the bytes a new queue holds ({@code msgmnb}).
 */
public record SysVMqLimits(int msgmax, int msgmnb)
{
    /** File of the longest message. */
    public static final Path MSGMAX_FILE = Path.of("/proc/sys/kernel/msgmax");
    /** File of the bytes per queue. */
    public static final Path MSGMNB_FILE = Path.of("/proc/sys/kernel/msgmnb");

    private static final int HISTORICAL_MSGMAX = 8192;
    private static final int HISTORICAL_MSGMNB = 16384;

    /**
     * Reads the limits; a missing file gives the historical Linux value (8192 and 16384).
     *
     * @return the current limits.
     * @throws RinglineException when a file exists but cannot be read or parsed.
     */
    public static SysVMqLimits read()
    {
        return new SysVMqLimits(
            ProcFiles.intOr(MSGMAX_FILE, HISTORICAL_MSGMAX), ProcFiles.intOr(MSGMNB_FILE, HISTORICAL_MSGMNB));
    }

    /**
     * @return max-msg when the URI gives none: the smaller of 8192, msgmax and msgmnb.
     */
    public int defaultMaxMessageLength()
    {
        return Math.min(8192, Math.min(msgmax, msgmnb));
    }

    @Override
    public String toString()
    {
        return "SysVMqLimits{msgmax=" + msgmax + ", msgmnb=" + msgmnb + "}";
    }
}
