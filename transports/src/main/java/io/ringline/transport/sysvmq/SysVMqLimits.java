package io.ringline.transport.sysvmq;

import io.ringline.RinglineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's System V message-queue limits, read from {@code /proc/sys/kernel} each time a channel is opened:
 *
 * <pre>
 *   msgmax   longest message (bytes)                      the ceiling of max-msg
 *   msgmnb   bytes a new queue holds (its msg_qbytes)     when the queued bytes reach it, msgsnd would block
 * </pre>
 */
public final class SysVMqLimits
{
    /** File of the longest message. */
    public static final Path MSGMAX_FILE = Path.of("/proc/sys/kernel/msgmax");
    /** File of the bytes per queue. */
    public static final Path MSGMNB_FILE = Path.of("/proc/sys/kernel/msgmnb");

    private static final int HISTORICAL_MSGMAX = 8192;
    private static final int HISTORICAL_MSGMNB = 16384;

    private final int msgmax;
    private final int msgmnb;

    /**
     * @param msgmax longest message.
     * @param msgmnb bytes a new queue holds.
     */
    public SysVMqLimits(final int msgmax, final int msgmnb)
    {
        this.msgmax = msgmax;
        this.msgmnb = msgmnb;
    }

    /**
     * Reads the limits; a missing file gives the historical Linux value (8192 and 16384).
     *
     * @return the current limits.
     * @throws RinglineException when a file exists but cannot be read or parsed.
     */
    public static SysVMqLimits read()
    {
        return new SysVMqLimits(readInt(MSGMAX_FILE, HISTORICAL_MSGMAX), readInt(MSGMNB_FILE, HISTORICAL_MSGMNB));
    }

    /**
     * @return the longest message ({@code msgmax}).
     */
    public int msgmax()
    {
        return msgmax;
    }

    /**
     * @return the bytes a new queue holds ({@code msgmnb}).
     */
    public int msgmnb()
    {
        return msgmnb;
    }

    /**
     * @return max-msg when the URI gives none: the smaller of 8192, msgmax and msgmnb.
     */
    public int defaultMaxMessageLength()
    {
        return Math.min(8192, Math.min(msgmax, msgmnb));
    }

    private static int readInt(final Path file, final int missing)
    {
        try
        {
            // not Files.readString: it reads 1 byte, then at offset 1, where a sysctl int file gives end of file
            final List<String> lines = Files.readAllLines(file);
            return Integer.parseInt(lines.isEmpty() ? "" : lines.get(0).trim());
        }
        catch (final NoSuchFileException ex)
        {
            return missing;
        }
        catch (final IOException | NumberFormatException ex)
        {
            throw new RinglineException("file=" + file + " could not be read as an integer: " + ex, ex);
        }
    }

    @Override
    public String toString()
    {
        return "SysVMqLimits{msgmax=" + msgmax + ", msgmnb=" + msgmnb + "}";
    }
}
