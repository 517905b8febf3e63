package io.ringline.sync;

import java.nio.file.Path;

/**
 * The rules for naming a synchronisation object, and where each kind lives.
 *
 * <p>A name is 1 to {@value #MAX_LENGTH} characters of {@code [A-Za-z0-9_.-]}, not starting with '.' or '-' (the
 * rule of channel names): no '/', no space, nothing a shell or a path would read specially. Ringline prefixes it
 * with {@value #PREFIX} so that its objects are easy to find and never collide with another program's:
 *
 * <pre>
 *   POSIX semaphore "jobs"   sem_open("/ringline-jobs")   file /dev/shm/sem.ringline-jobs
 *   robust mutex   "orders"  file /dev/shm/ringline-mutex-orders
 *   event count    "ticks"   file /dev/shm/ringline-event-ticks
 * </pre>
 */
public final class SyncNames
{
    /** Prefix of every object Ringline names. */
    public static final String PREFIX = "ringline-";
    /** Longest name; with prefixes the file name stays well under NAME_MAX (255). */
    public static final int MAX_LENGTH = 200;
    /** The directory holding POSIX shared-memory objects and glibc's named semaphores. */
    public static final Path SHM_DIRECTORY = Path.of("/dev/shm");

    private SyncNames()
    {
    }

    /**
     * Checks a name against the rules.
     *
     * @param name the name the caller chose.
     * @return the name.
     * @throws IllegalArgumentException naming the name and the rule it breaks.
     */
    public static String validate(final String name)
    {
        if (null == name)
        {
            throw new IllegalArgumentException("name=null: a synchronisation object needs a name");
        }
        final int length = name.length();
        if (length < 1 || length > MAX_LENGTH)
        {
            throw new IllegalArgumentException("name=\"" + abbreviate(name) + "\" length=" + length +
                " out of range [1, " + MAX_LENGTH + "]");
        }
        if ('.' == name.charAt(0) || '-' == name.charAt(0))
        {
            throw new IllegalArgumentException("name=\"" + abbreviate(name) + "\" starts with '" + name.charAt(0) +
                "': a name starts with A-Z a-z 0-9 or _");
        }
        for (int i = 0; i < length; i++)
        {
            final char c = name.charAt(i);
            if (!isAllowed(c))
            {
                throw new IllegalArgumentException("name=\"" + abbreviate(name) + "\" has character='" + c +
                    "' at index=" + i + ": allowed are A-Z a-z 0-9 _ . -" + ('/' == c ? " (no '/')" : ""));
            }
        }
        return name;
    }

    /**
     * @param name a valid name.
     * @return the name passed to {@code sem_open(3)}: {@code "/ringline-NAME"}.
     */
    public static String semaphoreName(final String name)
    {
        return "/" + PREFIX + validate(name);
    }

    /**
     * @param name a valid name.
     * @return where glibc keeps the named semaphore: {@code /dev/shm/sem.ringline-NAME}.
     */
    public static Path semaphorePath(final String name)
    {
        return SHM_DIRECTORY.resolve("sem." + PREFIX + validate(name));
    }

    /**
     * @param kind "mutex" or "event".
     * @param name a valid name.
     * @return the file of a named mutex or event: {@code /dev/shm/ringline-KIND-NAME}.
     */
    static Path objectPath(final String kind, final String name)
    {
        return SHM_DIRECTORY.resolve(PREFIX + kind + "-" + validate(name));
    }

    private static boolean isAllowed(final char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            '_' == c || '.' == c || '-' == c;
    }

    private static String abbreviate(final String name)
    {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }
}
