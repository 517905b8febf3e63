package io.ringline.transport.fifo;

import io.ringline.transport.TransportConformance;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Named pipes pass the transport suite.
 */
class FifoConformanceTest extends TransportConformance
{
    @Override
    protected String newChannel()
    {
        return "fifo:" + System.getProperty("java.io.tmpdir") + "/ringline-test-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".fifo?max-msg=8192";
    }

    @Override
    protected int maxMessageLength()
    {
        return 8192;
    }
}
