package io.ringline.transport.mq;

import io.ringline.RinglineException;
import io.ringline.os.ProcFiles;

import java.nio.file.Path;

/**
 * The kernel's POSIX message-queue limits, read from {@code /proc/sys/fs/mqueue} each time a channel is opened (an
 * administrator may change them with sysctl at any time):
 *
 * <pre>
 *   msg_max          most messages a queue may hold    (the ceiling of depth)
 *   msgsize_max      longest message a queue may take  (the ceiling of max-msg)
 *   msg_default      depth of a queue created without attributes
 *   msgsize_default  max-msg of a queue created without attributes
 * </pre>
 *
 * A privileged process (CAP_SYS_RESOURCE) may exceed {@code msg_max} and {@code msgsize_max}; Ringline does not, so
 * a channel URI means the same thing for every user.
 *
 * @param msgMax         most messages a queue may hold ({@code msg_max}).
 * @param msgsizeMax     longest message a queue may take ({@code msgsize_max}).
 * @param msgDefault     depth used when the URI gives none: {@code msg_default}, at most {@code msg_max}.
 * @param msgsizeDefault message size used when the URI gives none: {@code msgsize_default}, at most
 *                       {@code msgsize_max}.
 */
public record MqLimits(int msgMax, int msgsizeMax, int msgDefault, int msgsizeDefault)
{
    /** Directory of the limits. */
    public static final Path DIR = Path.of("/proc/sys/fs/mqueue");
    /** File of the most messages a queue may hold. */
    public static final Path MSG_MAX_FILE = DIR.resolve("msg_max");
    /** File of the longest message a queue may take. */
    public static final Path MSGSIZE_MAX_FILE = DIR.resolve("msgsize_max");
    /** File of the default depth. */
    public static final Path MSG_DEFAULT_FILE = DIR.resolve("msg_default");
    /** File of the default message size. */
    public static final Path MSGSIZE_DEFAULT_FILE = DIR.resolve("msgsize_default");
    /** Priorities run from 0 to {@code MQ_PRIO_MAX - 1} (Linux: 32768). */
    public static final int MQ_PRIO_MAX = 32768;

    private static final int HISTORICAL_MSG = 10;
    private static final int HISTORICAL_MSGSIZE = 8192;

    /**
     * Clamps the defaults to the maxima.
     */
    public MqLimits
    {
        msgDefault = Math.min(msgDefault, msgMax);
        msgsizeDefault = Math.min(msgsizeDefault, msgsizeMax);
    }

    /**
     * Reads the limits; a missing file (an old kernel) gives the historical Linux value (10 messages, 8192 bytes).
     *
     * @return the current limits.
     * @throws RinglineException when a file exists but cannot be read or parsed.
     */
    public static MqLimits read()
    {
        return new MqLimits(
            ProcFiles.intOr(MSG_MAX_FILE, HISTORICAL_MSG),
            ProcFiles.intOr(MSGSIZE_MAX_FILE, HISTORICAL_MSGSIZE),
            ProcFiles.intOr(MSG_DEFAULT_FILE, HISTORICAL_MSG),
            ProcFiles.intOr(MSGSIZE_DEFAULT_FILE, HISTORICAL_MSGSIZE));
    }

    @Override
    public String toString()
    {
        return "MqLimits{msgMax=" + msgMax + ", msgsizeMax=" + msgsizeMax + ", msgDefault=" + msgDefault +
            ", msgsizeDefault=" + msgsizeDefault + "}";
    }
}
