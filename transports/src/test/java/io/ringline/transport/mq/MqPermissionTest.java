package io.ringline.transport.mq;

import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Another user (a child JVM as nobody) is refused a queue created with the default perm=600, naming the channel and
 * EACCES; a queue created with perm=606 it may publish to, once its URI trusts another user's queue (any-owner=true;
 * without it the refusal names both uids). With the umask of 022 a test run usually has, 606 would become 604
 * without the {@code fchmod} after creation, and the second half would fail. Skipped unless the tests run as root
 * with setpriv installed.
 */
@Timeout(120)
class MqPermissionTest
{
    @Test
    void anotherUserIsRefusedByPerm600AndLetInByPerm606() throws Exception
    {
        final String reason = NobodyJvm.unavailableReason();
        assumeTrue(null == reason, reason);
        try (Ringline ringline = Ringline.connect())
        {
            final String ownerOnly = "mq:" + MqNames.fresh() + "?perm=600&unlink=true";
            try (Subscriber subscriber = ringline.addSubscriber(ownerOnly))
            {
                final String output = NobodyJvm.run(QueueChild.class, 60_000, "publish", ownerOnly, "3", "33");
                assertTrue(output.contains("REFUSED channel=" + ownerOnly) &&
                    output.contains("could not be opened for writing: Permission denied"), output);
                assertEquals(0, subscriber.poll((b, o, l, h) -> fail("nobody sent nothing"), 1));
            }

            final String othersToo = "mq:" + MqNames.fresh() + "?perm=606&unlink=true";
            try (Subscriber subscriber = ringline.addSubscriber(othersToo))
            {
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
        MqNames.used().forEach(name -> assertFalse(MqNames.exists(name), name));
    }
}
