package io.ringline.transport.mq;

import io.ringline.transport.QueueZeroAllocationTest;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The POSIX queue's hot path allocates nothing once warm, including the priority read through JNR's
 * {@code @Out int[]}.
 */
class MqZeroAllocationTest extends QueueZeroAllocationTest
{
    private String name;

    @Override
    protected String newChannel()
    {
        name = MqNames.fresh();
        return "mq:" + name;
    }

    @Override
    protected void assertQueueRemoved()
    {
        assertFalse(MqNames.exists(name), "the creator removed the queue");
    }
}
