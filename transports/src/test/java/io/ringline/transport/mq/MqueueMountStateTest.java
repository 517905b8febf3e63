package io.ringline.transport.mq;

import io.ringline.Ringline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The queue tests run twice, in both mqueue mount states (the execution {@code other-mqueue-state} of the
 * transports pom runs the second time in the state this machine does not have): this checks that the state asked for
 * is the one the JVM sees, and that a queue is listed exactly where an mqueue file system is mounted.
 */
@Timeout(30)
class MqueueMountStateTest
{
    private static final String STATE = System.getProperty("ringline.test.mqueue-state", "as the machine is");

    @Test
    void theJvmSeesTheMountStateItWasStartedIn()
    {
        assumeFalse(STATE.startsWith("unavailable"), "the other mqueue mount state is not tested here: " + STATE);
        final Path mount = MqueueMount.find();
        switch (STATE)
        {
            case "mounted":
                assertNotNull(mount, "an mqueue file system was mounted for this JVM, but /proc/self/mountinfo " +
                    "shows none");
                break;
            case "unmounted":
                assertNull(mount, "every mqueue file system was unmounted for this JVM, but one is at " + mount);
                break;
            default:
                break;
        }
    }

    @Test
    void aQueueIsListedWhereAnMqueueFileSystemIsMountedAndWorksWhereNoneIs()
    {
        final String name = MqNames.fresh();
        try (Ringline ringline = Ringline.connect())
        {
            ringline.addSubscriber("mq:" + name).close();
            assertTrue(MqNames.exists(name), name);
            final Path mount = MqueueMount.find();
            if (null != mount)
            {
                assertTrue(MqueueMount.list(mount).contains(name), "queue=" + name + " not listed in " + mount);
            }
            assertTrue(ringline.removeChannel("mq:" + name), name);
            assertFalse(MqNames.exists(name), name);
            if (null != mount)
            {
                assertFalse(MqueueMount.list(mount).contains(name), "queue=" + name + " still listed in " + mount);
            }
        }
    }
}
