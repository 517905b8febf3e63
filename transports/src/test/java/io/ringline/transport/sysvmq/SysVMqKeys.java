package io.ringline.transport.sysvmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh System V keys for tests, remembered so that a test class can check at the end that no queue is left, and a
 * reader of {@code /proc/sysvipc/msg} (what {@code ipcs -q} shows), independent of the transport's own calls.
 */
final class SysVMqKeys
{
    /** Test keys are 0x524Cxxxx ("RL"). */
    private static final int PREFIX = 0x524C_0000;
    private static final Path TABLE = Path.of("/proc/sysvipc/msg");
    private static final Set<Integer> USED = ConcurrentHashMap.newKeySet();

    private SysVMqKeys()
    {
    }

    /**
     * @return a key with no queue yet.
     */
    static int fresh()
    {
        while (true)
        {
            final int key = PREFIX | ThreadLocalRandom.current().nextInt(1, 0x1_0000);
            if (row(key) == null && USED.add(key))
            {
                return key;
            }
        }
    }

    /**
     * @return every key handed out in this JVM.
     */
    static Set<Integer> used()
    {
        return USED;
    }

    /**
     * @param key a key.
     * @return the row of {@code /proc/sysvipc/msg} for it (key msqid perms cbytes qnum ...), or null when there is
     * no such queue.
     */
    static String[] row(final int key)
    {
        try
        {
            final List<String> lines = Files.readAllLines(TABLE);
            for (final String line : lines.subList(1, lines.size()))
            {
                final String[] fields = line.trim().split("\\s+");
                if (Integer.parseInt(fields[0]) == key)
                {
                    return fields;
                }
            }
            return null;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param key a key.
     * @return messages queued, as the kernel reports them.
     */
    static long queued(final int key)
    {
        final String[] row = row(key);
        if (null == row)
        {
            throw new AssertionError("no queue with key=0x" + Integer.toHexString(key));
        }
        return Long.parseLong(row[4]);
    }
}
