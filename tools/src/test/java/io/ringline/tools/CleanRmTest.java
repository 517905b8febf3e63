package io.ringline.tools;

import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ls}, {@code clean} and {@code rm}: a channel nobody alive uses goes, a channel this test JVM holds stays
 * unless forced.
 */
@Timeout(120)
class CleanRmTest
{
    @TempDir
    Path dir;

    @Test
    void cleanRemovesOnlyDeadChannelsAndRmRefusesALiveOne()
    {
        final Cli cli = new Cli(dir);
        cli.run("send", "shm:dead", "left behind").assertOk(); // its creator, the send process, has exited
        final Path dead = dir.resolve("ringline-dead");
        final Path live = dir.resolve("ringline-live");
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(dir.toString()));
            Subscriber holder = ringline.addSubscriber("shm:live"))
        {
            final List<Json> listed = cli.json("ls", "--no-sysv", "--json").get("channels").list();
            assertEquals(List.of("shm:dead", "shm:live"), listed.stream().map(c -> c.get("channel").asString()).toList());
            assertFalse(listed.get(0).get("live").asBoolean());
            assertTrue(listed.get(1).get("live").asBoolean());
            assertEquals(1, listed.get(1).get("subscribers_alive").asLong());

            final String dryRun = cli.run("clean", "--no-sysv", "--dry-run").assertOk().stdout();
            assertTrue(dryRun.contains("would remove shm:dead") && dryRun.contains("kept shm:live"), dryRun);
            assertTrue(Files.exists(dead), "--dry-run removes nothing");

            final String cleaned = cli.run("clean", "--no-sysv").assertOk().stdout();
            assertTrue(cleaned.contains("removed shm:dead"), cleaned);
            assertFalse(Files.exists(dead), "dead channel removed");
            assertTrue(Files.exists(live), "live channel kept");

            cli.run("rm", "shm:live").assertFails(RinglineCli.EXIT_FAILURE, "shm:live", "in use", "--force");
            assertTrue(Files.exists(live), "rm refuses a live channel");
            cli.run("rm", "shm:live", "--force").assertOk();
            assertFalse(Files.exists(live), "rm --force removes it");
        }
        cli.run("rm", "shm:live").assertFails(RinglineCli.EXIT_FAILURE, "shm:live", "does not exist");
    }
}
