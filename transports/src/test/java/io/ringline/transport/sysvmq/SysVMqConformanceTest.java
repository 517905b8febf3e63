package io.ringline.transport.sysvmq;

import io.ringline.os.Native;
import io.ringline.transport.TransportConformance;
import org.junit.jupiter.api.AfterAll;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * System V message queues pass the transport suite. A subscriber without {@code types} receives in send order
 * whatever the type, so the suite's default types apply. After the class, no queue it created is left
 * ({@code /proc/sysvipc/msg}, as {@code ipcs -q} shows it).
 */
class SysVMqConformanceTest extends TransportConformance
{
    @Override
    protected String newChannel()
    {
        return "sysvmq:0x" + Integer.toHexString(SysVMqKeys.fresh());
    }

    @Override
    protected int maxMessageLength()
    {
        return SysVMqLimits.read().defaultMaxMessageLength();
    }

    @AfterAll
    static void noQueueIsLeftBehind()
    {
        final List<Integer> left = SysVMqKeys.used().stream().filter(key -> SysVMqKeys.row(key) != null)
            .collect(Collectors.toList());
        left.forEach(key -> Native.libc().msgctl(Native.libc().msgget(key, 0), Native.IPC_RMID, 0L));
        assertEquals(List.of(), left, "queues left behind");
    }
}
