package io.ringline.tools;

import io.ringline.process.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code send} then {@code tail --from start}: messages published before tail started come back, text and binary.
 */
@Timeout(120)
class SendTailTest
{
    @TempDir
    Path dir;

    @Test
    void textAndBinaryRoundTripThroughARing() throws IOException
    {
        final Cli cli = new Cli(dir);
        final byte[] binary = new byte[100_000]; // more than max-msg (64 KiB): sent in fragments
        ThreadLocalRandom.current().nextBytes(binary);
        binary[0] = 0;
        binary[1] = '\n';
        final Path file = dir.resolve("message.bin");
        Files.write(file, binary);

        cli.run("send", "shm:orders", "héllo wörld").assertOk();
        cli.run("send", "shm:orders", "--type", "7", "--file", file.toString()).assertOk();
        cli.run("send", "shm:orders", "--type", "3", "second\tline").assertOk();

        final List<String> text = lines(cli.run("tail", "shm:orders", "--from", "start", "--types", "0,3",
            "--count", "2", "--timeout", "10s").assertOk().stdout());
        assertEquals(List.of("héllo wörld", "second\\tline"), text);

        final List<String> hex = lines(cli.run("tail", "shm:orders", "--from", "start", "--format", "hex",
            "--types", "7", "--count", "1", "--timeout", "10s").assertOk().stdout());
        assertArrayEquals(binary, HexFormat.of().parseHex(hex.get(0)));

        final List<String> json = lines(cli.run("tail", "shm:orders", "--from", "start", "--format", "json",
            "--count", "3", "--timeout", "10s").assertOk().stdout());
        assertEquals(3, json.size());
        assertEquals("héllo wörld", Json.parse(json.get(0)).get("text").asString());
        final Json second = Json.parse(json.get(1));
        assertEquals(7, second.get("type").asLong());
        assertEquals(binary.length, second.get("length").asLong());
        assertArrayEquals(binary, HexFormat.of().parseHex(second.get("hex").asString()));
        assertEquals(true, second.get("text").isNull() || !second.get("text").asString().isEmpty());
        assertEquals(3, Json.parse(json.get(2)).get("type").asLong());
    }

    @Test
    void tailFromNowSeesOnlyLaterMessages() throws Exception
    {
        final Cli cli = new Cli(dir);
        cli.run("send", "shm:news", "old").assertOk();
        final Path out = dir.resolve("tail.out");
        final ChildProcess tail = ChildProcess.start("tail", cli.command("tail", "shm:news", "--from", "now",
            "--count", "1", "--timeout", "30s").redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT));
        try
        {
            // tail starts at the tail position of its first look; keep sending until it has seen one.
            for (int i = 0; i < 50 && tail.isAlive(); i++)
            {
                cli.run("send", "shm:news", "new").assertOk();
                tail.awaitExit(200);
            }
            assertTrue(tail.awaitExit(30_000), "tail exits after one message");
            assertEquals(0, tail.exitCode());
            assertEquals(List.of("new"), lines(Files.readString(out)));
        }
        finally
        {
            tail.close();
        }
    }

    private static List<String> lines(final String stdout)
    {
        return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
    }
}
