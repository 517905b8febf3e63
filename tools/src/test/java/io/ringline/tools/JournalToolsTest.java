package io.ringline.tools;

import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

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

    @Test
    void statAndLsShowSegmentsPositionsTimesAndCursors()
    {
        final Cli cli = new Cli(dir);
        final String journal = "journal:" + dir.resolve("quotes") + "?segment=64k";
        for (int i = 0; i < 3; i++)
        {
            cli.run("send", journal, "quote" + i, "--type", "1").assertOk();
        }
        cli.run("tail", journal + "&name=desk&from=start", "--count", "1", "--timeout", "20s").assertOk();

        final Json status = cli.json("stat", "journal:" + dir.resolve("quotes"), "--json");
        assertTrue(status.get("segments").asLong() >= 1, status.toString());
        assertTrue(status.get("bytes").asLong() >= 65536, status.toString());
        assertEquals(0L, status.get("first_position").asLong());
        final long tail = status.get("tail").asLong();
        assertEquals(3L * 64, tail, "three 6-byte messages, 64 bytes each once framed");
        final long firstNs = status.get("first_time_ns").asLong();
        final long lastNs = status.get("last_time_ns").asLong();
        assertTrue(firstNs > 1_700_000_000_000_000_000L && lastNs > firstNs, firstNs + " " + lastNs);
        final Json desk = status.get("cursors").list().stream()
            .filter(c -> "desk".equals(c.get("name").asString())).findFirst().orElseThrow();
        assertEquals("parked", desk.get("state").asString());
        assertEquals(64L, desk.get("position").asLong());
        assertEquals(tail - 64, desk.get("lag").asLong());

        final String text = cli.run("stat", "journal:" + dir.resolve("quotes")).assertOk().stdout();
        assertTrue(text.contains("tail  position=" + tail) && text.contains("desk parked"), text);
        final Json listed = cli.json("ls", "--no-sysv", "--no-queues", "journal:" + dir.resolve("quotes"), "--json");
        final Json entry = listed.get("journals").list().get(0);
        assertEquals(tail, entry.get("tail").asLong());
        assertEquals("journal:" + dir.resolve("quotes"), entry.get("channel").asString());
        final String table = cli.run("ls", "--no-sysv", "--no-queues", dir.resolve("quotes").toString()).assertOk()
            .stdout();
        assertTrue(table.contains("JOURNAL") && table.contains("journal:" + dir.resolve("quotes")), table);

        cli.run("stat", "journal:" + dir.resolve("none")).assertFails(RinglineCli.EXIT_FAILURE, "does not exist");
    }

    @Test
    void cursorDeleteFreesAParkedCursorAndRefusesALiveOne()
    {
        final Cli cli = new Cli(dir);
        final Path journal = dir.resolve("book");
        cli.run("send", "journal:" + journal + "?segment=64k", "order").assertOk();
        cli.run("tail", "journal:" + journal + "?name=parked&from=start", "--count", "1", "--timeout", "20s")
            .assertOk();
        try (Ringline ringline = Ringline.connect();
            Subscriber held = ringline.addSubscriber("journal:" + journal + "?name=held&from=start"))
        {
            cli.run("journal", "cursor", "delete", journal.toString(), "held")
                .assertFails(RinglineCli.EXIT_FAILURE, "cursor name=held is in use by pid=" + ProcessHandle.current().pid());
            final String deleted = cli.run("journal", "cursor", "delete", journal.toString(), "parked").assertOk()
                .stdout();
            assertTrue(deleted.contains("deleted cursor name=parked position=64"), deleted);
            cli.run("journal", "cursor", "delete", journal.toString(), "parked")
                .assertFails(RinglineCli.EXIT_FAILURE, "has no cursor name=parked");
            final List<String> names = cli.json("stat", "journal:" + journal, "--json").get("cursors").list().stream()
                .map(c -> c.get("name").asString()).toList();
            assertEquals(List.of("held"), names);
        }
    }
}
