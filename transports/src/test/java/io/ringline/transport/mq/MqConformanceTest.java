package io.ringline.transport.mq;

import io.ringline.os.Native;
import io.ringline.transport.TransportConformance;
import org.junit.jupiter.api.AfterAll;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * POSIX message queues pass the transport suite. A queue delivers the highest priority (type) first, so the suite's
 * messages all carry one type (7) here; {@link MqTransportTest} checks the priority order itself. After the class,
 * no queue it created is left, by {@code mq_open} and by a listing of the mqueue file system ({@link MqueueListing}).
 */
class MqConformanceTest extends TransportConformance
{
    @Override
    protected String newChannel()
    {
        return "mq:" + MqNames.fresh();
    }

    @Override
    protected int maxMessageLength()
    {
        return MqLimits.read().msgsizeDefault();
    }

    @Override
    protected boolean ordersAcrossTypes()
    {
        return false;
    }

    @Override
    protected int[] types()
    {
        return new int[] {7};
    }

    @AfterAll
    static void noQueueIsLeftBehind() throws Exception
    {
        final Set<String> listed = MqueueListing.list();
        final List<String> left = MqNames.used().stream().filter(MqNames::exists).collect(Collectors.toList());
        left.forEach(name -> Native.libc().mq_unlink(name));
        assertEquals(List.of(), left, "queues left behind (mq_open probe)");
        if (null != listed)
        {
            assertEquals(Set.of(), MqNames.used().stream().filter(listed::contains).collect(Collectors.toSet()),
                "queues left behind (mqueue file system)");
        }
    }
}
