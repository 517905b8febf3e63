package io.ringline.tools;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code stat --json} reads a channel another process holds, without joining it: the holder's subscriber alive,
 * then dead once the holder is SIGKILLed; and the counters the engine keeps for back-pressure and no subscriber.
 */
@Timeout(120)
class StatTest
{
    @TempDir
    Path dir;

    @Test
    void showsAChildsSubscriberAliveThenDeadAfterSigkill() throws Exception
    {
        final Cli cli = new Cli(dir);
        final ChildProcess pong = cli.start("pong", "--channel", "shm:held");
        try
        {
            final Json alive = cli.awaitSubscriber("shm:held");
            final Json subscriber = alive.get("subscribers").list().get(0);
            assertEquals(pong.pid(), subscriber.get("pid").asLong());
            assertTrue(subscriber.get("alive").asBoolean());
            assertEquals("alive", subscriber.get("status").asString());
            assertEquals("active", subscriber.get("state").asString());
            assertEquals(0, subscriber.get("lag").asLong());

            pong.kill(); // SIGKILL: no chance to release its slot

            final Json dead = cli.json("stat", "shm:held", "--json");
            final Json slot = dead.get("subscribers").list().get(0);
            assertEquals(pong.pid(), slot.get("pid").asLong(), "stat evicts nobody: the slot is still there");
            assertFalse(slot.get("alive").asBoolean());
            assertEquals("dead", slot.get("status").asString());

            final String table = cli.run("stat", "shm:held").assertOk().stdout();
            assertTrue(table.contains("subscribers (1)") && table.contains("dead"), table);

            // A ring publisher counts the dead slot as a reader: ping must still wait for its own pong to echo.
            final Json ping = cli.json("ping", "--channel", "shm:held", "--spawn-pong", "--json", "--count", "50",
                "--warmup", "0");
            assertEquals(50, ping.get("count").asLong());
        }
        finally
        {
            pong.close();
        }
    }

    @Test
    void countsBackPressureAndNotConnected()
    {
        final Cli cli = new Cli(dir);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[100]);
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(dir.toString()));
            Subscriber stalled = ringline.addSubscriber("shm:bp?capacity=4096");
            Publisher publisher = ringline.addExclusivePublisher("shm:bp"))
        {
            int accepted = 0;
            while (publisher.offer(message, 0, message.capacity()) > 0)
            {
                accepted++;
            }
            int backPressured = 1;
            for (int i = 0; i < 4; i++)
            {
                assertEquals(Publisher.BACK_PRESSURED, publisher.offer(message, 0, message.capacity()));
                backPressured++;
            }
            assertTrue(accepted > 0);

            final Json status = cli.json("stat", "shm:bp", "--json");
            assertEquals(backPressured, status.get("counters").get("back_pressure").asLong());
            assertEquals(0, status.get("counters").get("not_connected").asLong());
            final long tail = status.get("tail").asLong();
            assertEquals(publisher.position(), tail);
            final Json subscriber = status.get("subscribers").list().get(0);
            assertEquals(tail - stalled.position(), subscriber.get("lag").asLong());
            assertTrue(subscriber.get("lag").asLong() > 4096 - 200, () -> "a full ring behind: " + status);
            final Json owner = status.get("publishers").list().get(0);
            assertEquals(ProcessHandle.current().pid(), owner.get("pid").asLong());
            assertEquals("exclusive", owner.get("mode").asString());
            assertEquals(4096, status.get("capacity").asLong());
            assertEquals("2.1", status.get("layout_version").asString());
        }

        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(dir.toString()));
            Publisher lonely = ringline.addPublisher("shm:lonely"))
        {
            for (int i = 0; i < 3; i++)
            {
                assertEquals(Publisher.NOT_CONNECTED, lonely.offer(message, 0, 8));
            }
            final Json status = cli.json("stat", "shm:lonely", "--json");
            assertEquals(3, status.get("counters").get("not_connected").asLong());
            assertEquals(0, status.get("counters").get("back_pressure").asLong());
            assertEquals(List.of(), status.get("subscribers").list());
        }
    }
}
