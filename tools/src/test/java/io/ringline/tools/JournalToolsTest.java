package io.ringline.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The commands on {@code journal:} channels, each in its own process: {@code send} appends, {@code tail --from start}
 * reads everything still retained, in order, with types.
 */
@Timeout(120)
class JournalToolsTest
{
    @TempDir
    Path dir;

    @Test
    void sendAppendsAndTailReadsFromTheStart()
    {
        final Cli cli = new Cli(dir);
        final String journal = "journal:" + dir.resolve("orders") + "?segment=64k";
        cli.run("send", journal, "first", "--type", "3").assertOk();
        cli.run("send", journal, "second", "--type", "4").assertOk();
        final String text = cli.run("tail", journal, "--from", "start", "--count", "2", "--timeout", "20s",
            "--format", "json").assertOk().stdout();
        final String[] lines = text.strip().split("\n");
        assertEquals(2, lines.length, text);
        assertEquals(3L, Json.parse(lines[0]).get("type").asLong(), lines[0]);
        assertTrue(lines[0].contains("first") && lines[1].contains("second"), text);
        assertEquals(4L, Json.parse(lines[1]).get("type").asLong(), lines[1]);

        final String named = cli.run("tail", "journal:" + dir.resolve("orders") + "?from=start", "--count", "1",
            "--timeout", "20s").assertOk().stdout();
        assertTrue(named.contains("first"), named);
    }
}
