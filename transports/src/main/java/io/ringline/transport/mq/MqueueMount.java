package io.ringline.transport.mq;

import io.ringline.RinglineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where this process sees the POSIX message queues as files: an {@code mqueue} file system, found in
 * {@code /proc/self/mountinfo} (at {@code /dev/mqueue} by convention, but any mount point will do). Nothing in the
 * {@code mq:} transport needs one: queues are opened, checked and removed through their descriptors and names. Only
 * listing the queues that exist needs it, since the kernel has no other way to enumerate them; a fresh machine often
 * has none mounted.
 *
 * <p>A line of {@code /proc/self/mountinfo} (proc(5)): the fifth field is the mount point (with space, tab, newline
 * and backslash escaped as octal), and the first field after the {@code " - "} separator is the file-system type.
 */
public final class MqueueMount
{
    /** The conventional mount point. */
    public static final Path DEV_MQUEUE = Path.of("/dev/mqueue");
    /** What to tell a user who wants the queues listed where none is mounted. */
    public static final String HOW_TO_MOUNT = "POSIX queues are listed only where an mqueue file system is mounted " +
        "(none is, for this process): mount -t mqueue none /dev/mqueue (as root, after mkdir -p /dev/mqueue)";

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MqueueMount()
    {
    }

    /**
     * @return the mount point of an mqueue file system this process sees, {@link #DEV_MQUEUE} first, or null when
     * none is mounted.
     * @throws RinglineException when /proc/self/mountinfo cannot be read.
     */
    public static Path find()
    {
        final List<Path> mounts = new ArrayList<>();
        try (Stream<String> lines = Files.lines(MOUNTINFO))
        {
            lines.forEach(line ->
            {
                final int separator = line.indexOf(" - ");
                if (separator > 0 && line.startsWith("mqueue ", separator + 3))
                {
                    final String[] fields = line.substring(0, separator).split(" ");
                    if (fields.length > 4)
                    {
                        mounts.add(Path.of(unescape(fields[4])));
                    }
                }
            });
        }
        catch (final IOException ex)
        {
            throw new RinglineException("file=" + MOUNTINFO + " could not be read: " + ex, ex);
        }
        return mounts.contains(DEV_MQUEUE) ? DEV_MQUEUE : mounts.isEmpty() ? null : mounts.get(0);
    }

    /**
     * Lists the queues of this IPC namespace.
     *
     * @param mount a mount point from {@link #find()}.
     * @return queue names with their leading '/', sorted.
     * @throws RinglineException when the directory cannot be read.
     */
    public static Set<String> list(final Path mount)
    {
        try (Stream<Path> entries = Files.list(mount))
        {
            final Set<String> names = new TreeSet<>();
            entries.forEach(entry -> names.add("/" + entry.getFileName()));
            return names;
        }
        catch (final IOException ex)
        {
            throw new RinglineException("mqueue=" + mount + " could not be listed: " + ex, ex);
        }
    }

    private static String unescape(final String field)
    {
        final StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++)
        {
            final char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}"))
            {
                out.append((char)Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            }
            else
            {
                out.append(c);
            }
        }
        return out.toString();
    }
}
