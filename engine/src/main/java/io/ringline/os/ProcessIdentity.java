package io.ringline.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A process named by its pid and its start time, so that a reused pid is not mistaken for the process that
 * registered in a channel. The start time is field 22 of {@code /proc/PID/stat}: clock ticks since boot.
 *
 * <p>A process is alive when {@code /proc/PID/stat} exists, its start time matches, and its state is not zombie
 * ({@code Z}) or dead ({@code X}): a killed child that its parent has not reaped keeps its pid, but not its life.
 */
public final class ProcessIdentity
{
    private static final long SELF_PID = ProcessHandle.current().pid();
    private static final long SELF_START_TIME = startTimeOf(SELF_PID);

    private ProcessIdentity()
    {
    }

    /**
     * @return this process's pid.
     */
    public static long selfPid()
    {
        return SELF_PID;
    }

    /**
     * @return this process's start time in clock ticks since boot.
     */
    public static long selfStartTime()
    {
        return SELF_START_TIME;
    }

    /**
     * Is the process with this pid and start time still running?
     *
     * @param pid       process id.
     * @param startTime start time in clock ticks since boot, as recorded when it registered; 0 checks the pid only.
     * @return true when it runs (not a zombie, not a different process with the same pid).
     */
    public static boolean isAlive(final long pid, final long startTime)
    {
        if (pid <= 0 || pid > Integer.MAX_VALUE)
        {
            return false;
        }
        if (pid == SELF_PID && (0 == startTime || startTime == SELF_START_TIME))
        {
            return true; // this process: no need to read /proc (30-80 us a read here, for a JVM's many threads)
        }

        final String stat = readStat(pid);
        if (null == stat)
        {
            return false;
        }

        final String[] fields = fieldsAfterCommand(stat);
        final String state = fields[0];
        if ("Z".equals(state) || "X".equals(state) || "x".equals(state))
        {
            return false;
        }

        return 0 == startTime || Long.parseLong(fields[19]) == startTime;
    }

    /**
     * Start time of a running process.
     *
     * @param pid process id.
     * @return clock ticks since boot, or 0 when the process does not exist.
     */
    public static long startTimeOf(final long pid)
    {
        final String stat = readStat(pid);
        return null == stat ? 0 : Long.parseLong(fieldsAfterCommand(stat)[19]);
    }

    private static String readStat(final long pid)
    {
        try
        {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final IOException ex)
        {
            // The process vanished while we read it.
            return null;
        }
    }

    // The command name (field 2) is in parentheses and may hold spaces or ')': split after the last ')'.
    // Index 0 is then field 3 (state) and index 19 is field 22 (starttime).
    private static String[] fieldsAfterCommand(final String stat)
    {
        final int end = stat.lastIndexOf(')');
        return stat.substring(end + 2).trim().split(" ");
    }
}
