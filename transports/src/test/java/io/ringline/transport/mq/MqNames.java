package io.ringline.transport.mq;


import io.ringline.os.Native;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh queue names for tests, remembered so that a test class can check at the end that none is left behind.
 * /dev/mqueue is not mounted on every machine, so existence is probed through {@code mq_open}.
 */
final class MqNames
{
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();

    private MqNames()
    {
    }

    /**
     * @return a name nobody uses, e.g. {@code /ringline-test-1f3a...}.
     */
    static String fresh()
    {
        final String name = "/ringline-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        USED.add(name);
        return name;
    }

    /**
     * @return every name handed out in this JVM.
     */
    static Set<String> used()
    {
        return USED;
    }

    /**
     * @param name a queue name.
     * @return true when a queue of that name exists.
     */
    static boolean exists(final String name)
    {
        final int descriptor = Native.libc().mq_open(name, Native.O_RDONLY, 0, 0L);
        if (descriptor >= 0)
        {
            Native.libc().mq_close(descriptor);
            return true;
        }
        final int errno = Native.errno();
        if (errno == Native.ENOENT)
        {
            return false;
        }
        throw new AssertionError("mq_open(" + name + ") failed: " + Native.describe(errno));
    }
}
