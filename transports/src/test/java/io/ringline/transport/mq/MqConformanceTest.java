package io.ringline.transport.mq;

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
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * POSIX message queues pass the transport and the queue suites. A queue delivers the highest priority (type) first, so
 * the suite's messages all carry one type (7) here; {@link MqTransportTest} checks the priority order itself. The
 * mode is read from the descriptor ({@code /proc/self/fd}), so that it is checked with or without the mqueue file
 * system mounted. After the class, no queue it created is left, by {@code mq_open} and by a listing of the mqueue file
 * system ({@link MqueueListing}).
 */
class MqConformanceTest extends QueueConformance
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

    @Override
    protected boolean exists(final String channel)
    {
        return MqNames.exists(ChannelUri.parse(channel).target());
    }

    @Override
    protected String mode(final String channel, final Subscriber subscriber)
    {
        final Path descriptor = Path.of("/proc/self/fd/" + ((MqSubscriber)subscriber).queue().descriptor());
        try
        {
            return Integer.toOctalString((Integer)Files.getAttribute(descriptor, "unix:mode") & 0777);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    protected Path maxMsgLimitFile()
    {
        return MqLimits.MSGSIZE_MAX_FILE;
    }

    @Override
    protected String boundedQueueParameters()
    {
        return "depth=4&max-msg=64";
    }

    @Override
    protected int boundedQueueCapacity()
    {
        return 4;
    }

    @Override
    protected int[] refusedTypes()
    {
        return new int[] {-1, MqLimits.MQ_PRIO_MAX};
    }

    @Override
    protected String typeRule()
    {
        return "[0, " + (MqLimits.MQ_PRIO_MAX - 1) + "]";
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
