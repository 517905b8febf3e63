package io.ringline.tools.doctor;

import io.ringline.os.ProcFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads this process's resource limits from {@code /proc/self/limits}; the other files of /proc and /sys the checks
 * look at are read through {@link ProcFiles}.
 */
final class SystemFiles
{
    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final Pattern LIMIT_LINE = Pattern.compile("^(.+?)\\s{2,}(\\S+)\\s+(\\S+)");

    private SystemFiles()
    {
    }

    /**
     * @param name a limit's name as /proc/self/limits writes it, e.g. {@code Max locked memory}.
     * @return its soft limit, {@link ProcFiles#UNLIMITED} when unlimited.
     * @throws IOException when the file cannot be read or has no such limit.
     */
    static long softLimit(final String name) throws IOException
    {
        for (final String line : ProcFiles.lines(LIMITS))
        {
            final Matcher matcher = LIMIT_LINE.matcher(line);
            if (matcher.find() && matcher.group(1).equals(name))
            {
                return "unlimited".equals(matcher.group(2)) ? ProcFiles.UNLIMITED :
                    ProcFiles.parseNumber(matcher.group(2), LIMITS);
            }
        }
        throw new IOException("file=" + LIMITS + " has no limit '" + name + "'");
    }
}
