package io.ringline.transport.sysvmq;

import io.ringline.ChannelUri;
import io.ringline.Subscriber;
import io.ringline.os.Native;
import io.ringline.transport.QueueConformance;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * System V message queues pass the transport and the queue suites. A subscriber without {@code types} receives in
 * send order whatever the type, so the suite's default types apply. A queue's mode and existence are read from
 * {@code /proc/sysvipc/msg}, as {@code ipcs -q} shows it; after the class, no queue it created is left there.
 */
class SysVMqConformanceTest extends QueueConformance
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

    @Override
    protected boolean exists(final String channel)
    {
        return null != SysVMqKeys.row(key(channel));
    }

    @Override
    protected String mode(final String channel, final Subscriber subscriber)
    {
        return SysVMqKeys.row(key(channel))[2];
    }

    private static int key(final String channel)
    {
        return (int)(long)Long.decode(ChannelUri.parse(channel).target());
    }

    @Override
    protected Path maxMsgLimitFile()
    {
        return SysVMqLimits.MSGMAX_FILE;
    }

    /**
     * The queue holds msgmnb bytes: as many messages of 64 bytes as fit.
     */
    @Override
    protected String boundedQueueParameters()
    {
        return "max-msg=64";
    }

    @Override
    protected int boundedQueueCapacity()
    {
        try
        {
            return Integer.parseInt(Files.readAllLines(SysVMqLimits.MSGMNB_FILE).get(0).trim()) / 64;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    protected int[] refusedTypes()
    {
        return new int[] {-1, Integer.MIN_VALUE};
    }

    @Override
    protected String typeRule()
    {
        return "mtype = type + 1";
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
