package io.ringline.test;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Unique channel URIs for tests, one per kind of shared memory, so that parallel or repeated runs never collide.
 */
public enum TestChannels
{
    /** A POSIX shared-memory object under /dev/shm. */
    SHM
    {
        @Override
        public String newChannel()
        {
            return "shm:test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        }
    },
    /** A memory-mapped file in the temporary directory. */
    FILE
    {
        @Override
        public String newChannel()
        {
            return "file:" + System.getProperty("java.io.tmpdir") + "/ringline-test-" +
                Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".ring";
        }
    },
    /** A System V shared-memory segment. */
    SYSVSHM
    {
        @Override
        public String newChannel()
        {
            return "sysvshm:0x" + Integer.toHexString(0x52000000 | ThreadLocalRandom.current().nextInt(0x00FFFFFF) + 1);
        }
    };

    /**
     * @return a channel URI nobody uses yet, without parameters.
     */
    public abstract String newChannel();

    /**
     * @param channel a channel URI without parameters.
     * @param params  parameters, e.g. {@code capacity=4k}.
     * @return the URI with the parameters appended.
     */
    public static String with(final String channel, final String params)
    {
        return channel + (channel.contains("?") ? "&" : "?") + params;
    }
}
