package io.ringline.transport.sysvmq;

import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.transport.mq.NobodyJvm;
import io.ringline.transport.mq.QueueChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Another user (a child JVM as nobody) is refused a queue created with the default perm=600 when it opens it (the
 * transport asks msgget for write access, so the refusal names the channel at once, not at the first send), and may
 * publish to one created with perm=606 once its URI says any-owner=true (without it the refusal names both uids);
 * the mode is the one asked for ({@code /proc/sysvipc/msg}). Skipped unless the tests run as root with setpriv
 * installed.
 */
@Timeout(120)
class SysVMqPermissionTest
{
    @Test
    void anotherUserIsRefusedByPerm600AndLetInByPerm606() throws Exception
    {
        final String reason = NobodyJvm.unavailableReason();
        assumeTrue(null == reason, reason);
        try (Ringline ringline = Ringline.connect())
        {
            final int ownerOnlyKey = SysVMqKeys.fresh();
            final String ownerOnly = "sysvmq:" + ownerOnlyKey + "?unlink=true";
            try (Subscriber subscriber = ringline.addSubscriber(ownerOnly))
            {
                assertEquals("600", SysVMqKeys.row(ownerOnlyKey)[2], "default mode");
                final String output = NobodyJvm.run(QueueChild.class, 60_000, "publish", ownerOnly, "3", "33");
                assertTrue(output.contains("REFUSED channel=" + ownerOnly) &&
                    output.contains("could not be opened for writing: Permission denied"), output);
                assertEquals(0, subscriber.poll((b, o, l, h) -> fail("nobody sent nothing"), 1));
            }

            final int othersTooKey = SysVMqKeys.fresh();
            final String othersToo = "sysvmq:" + othersTooKey + "?perm=606&unlink=true";
            try (Subscriber subscriber = ringline.addSubscriber(othersToo))
            {
                assertEquals("606", SysVMqKeys.row(othersTooKey)[2]);
                final String untrusted = NobodyJvm.run(QueueChild.class, 60_000, "publish", othersToo, "3", "33");
                assertTrue(untrusted.contains("REFUSED channel=" + othersToo) &&
                    untrusted.contains("is owned by uid=0") && untrusted.contains("any-owner=true"), untrusted);
                final String output = NobodyJvm.run(QueueChild.class, 60_000, "publish", othersToo + "&any-owner=true",
                    "3", "33");
                assertTrue(output.contains("SENT"), output);
                final long[] received = {0};
                assertEquals(1, subscriber.receive((b, o, l, h) -> received[0] = 100 * h.type() + b.getLong(o), 1,
                    TimeUnit.SECONDS.toNanos(10)), output);
                assertEquals(333, received[0]);
            }
        }
        SysVMqKeys.used().forEach(key -> assertNull(SysVMqKeys.row(key), "left behind: " + key));
    }
}
