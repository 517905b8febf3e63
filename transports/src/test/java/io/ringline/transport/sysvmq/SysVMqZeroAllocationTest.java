package io.ringline.transport.sysvmq;

import io.ringline.transport.QueueZeroAllocationTest;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The System V queue's hot path allocates nothing once warm.
 */
class SysVMqZeroAllocationTest extends QueueZeroAllocationTest
{
    private int key;

    @Override
    protected String newChannel()
    {
        key = SysVMqKeys.fresh();
        return "sysvmq:" + key;
    }

    @Override
    protected void assertQueueRemoved()
    {
        assertNull(SysVMqKeys.row(key), "the creator removed the queue");
    }
}
