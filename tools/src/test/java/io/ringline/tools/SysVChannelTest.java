package io.ringline.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A System V segment channel through the tools: found by {@code ls}, read by {@code stat} and {@code tail} through a
 * read-only attach, removed by {@code rm}.
 */
@Timeout(120)
class SysVChannelTest
{
    @TempDir
    Path dir;

    @Test
    void listedReadAndRemoved()
    {
        final Cli cli = new Cli(dir);
        final String channel = "sysvshm:0x" + Integer.toHexString(0x52c00000 | ThreadLocalRandom.current().nextInt(0xFFFFF));
        try
        {
            cli.run("send", channel, "--type", "5", "over System V").assertOk();
            final boolean listed = cli.json("ls", "--json").get("channels").list().stream()
                .anyMatch(c -> c.get("channel").asString().equals(channel) && c.get("valid").asBoolean() &&
                    !c.get("live").asBoolean());
            assertTrue(listed, "ls finds the segment");
            assertEquals(64, cli.json("stat", channel, "--json").get("tail").asLong());
            final Json message = Json.parse(cli.run("tail", channel, "--from", "start", "--format", "json",
                "--count", "1", "--timeout", "10s").assertOk().stdout().strip());
            assertEquals(5, message.get("type").asLong());
            assertEquals("over System V", message.get("text").asString());
            cli.run("rm", channel).assertOk();
            cli.run("stat", channel).assertFails(1, channel, "does not exist");
        }
        finally
        {
            cli.run("rm", channel, "--force");
        }
    }
}
