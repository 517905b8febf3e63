package io.ringline.transport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The shared-memory ring passes the same suite as every kernel transport.
 */
class RingConformanceTest extends TransportConformance
{
    @Override
    protected String newChannel()
    {
        return "shm:conformance-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) +
            "?capacity=64k&max-msg=4096&max-fragmented=0";
    }

    @Override
    protected int maxMessageLength()
    {
        return 4096;
    }
}
