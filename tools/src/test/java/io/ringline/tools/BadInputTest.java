package io.ringline.tools;

import io.ringline.Publisher;
import io.ringline.Ringline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bad input ends in one line on stderr that names the channel or file and what is wrong: exit 1 for a failure,
 * 2 for a usage error.
 */
@Timeout(120)
class BadInputTest
{
    @TempDir
    Path dir;

    @Test
    void unknownChannel()
    {
        final Cli cli = new Cli(dir);
        cli.run("stat", "shm:missing").assertFails(1, "shm:missing", "does not exist");
        cli.run("tail", "shm:missing", "--from", "start").assertFails(1, "shm:missing", "does not exist");
        cli.run("rm", "shm:missing").assertFails(1, "shm:missing", "does not exist");
    }

    @Test
    void badUri()
    {
        final Cli cli = new Cli(dir);
        cli.run("stat", "shm:bad name").assertFails(1, "shm:bad name");
        cli.run("stat", "nosuch:thing").assertFails(1, "nosuch:thing", "not a ring channel");
        cli.run("send", "nosuch:thing", "x").assertFails(1, "nosuch", "unknown scheme");
        cli.run("tail", "fifo:" + dir.resolve("f"), "--from", "start").assertFails(1, "--from start", "ring channel");
        cli.run("ping", "--channel", "pipe:stdout", "--spawn-pong").assertFails(1, "pipe:stdout", "--reply");
    }

    @Test
    void fileThatIsNotAChannel() throws IOException
    {
        final Path garbage = dir.resolve("ringline-garbage");
        Files.write(garbage, "not a channel, just some text that is long enough".repeat(100).getBytes());
        final Cli cli = new Cli(dir);
        cli.run("stat", "shm:garbage").assertFails(1, "shm:garbage", garbage.toString(), "not a Ringline channel");
        cli.run("stat", garbage.toString()).assertFails(1, garbage.toString(), "not a Ringline channel");
        cli.run("tail", "shm:garbage", "--from", "start").assertFails(1, "not a Ringline channel");
        cli.run("rm", "shm:garbage").assertFails(1, "not a Ringline channel", "--force");
        cli.run("rm", "shm:garbage", "--force").assertOk();
    }

    @Test
    void truncatedChannel() throws IOException
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(dir.toString()));
            Publisher ignored = ringline.addPublisher("shm:cut?capacity=65536"))
        {
            // created
        }
        final Path file = dir.resolve("ringline-cut");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(8192);
        }
        final Cli cli = new Cli(dir);
        cli.run("stat", "shm:cut").assertFails(1, "shm:cut", "truncated", "expected=");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(100);
        }
        cli.run("stat", "shm:cut").assertFails(1, "shm:cut", "truncated", "length=100");
    }

    @Test
    void usageErrors()
    {
        final Cli cli = new Cli(dir);
        cli.run("ping").assertFails(2, "ringline ping", "--channel");
        cli.run("ping", "--channel", "shm:x", "--size", "2").assertFails(2, "ringline ping", "--size");
        cli.run("stat").assertFails(2, "ringline stat", "CHANNEL");
        cli.run("tail", "shm:x", "--format", "xml").assertFails(2, "ringline tail", "xml");
        cli.run("send", "shm:x").assertFails(2, "ringline send", "TEXT");
        cli.run("stat", "shm:x", "--watch", "--interval", "soon").assertFails(2, "soon");
        cli.run("nosuchcommand").assertFails(2, "nosuchcommand");
    }

    @Test
    void helpAndCompletion()
    {
        final Cli cli = new Cli(dir);
        for (final String command : new String[] { "ping", "pong", "throughput", "stat", "tail", "send", "ls", "rm",
            "clean", "completion" })
        {
            final String help = cli.run(command, "--help").assertOk().stdout();
            org.junit.jupiter.api.Assertions.assertTrue(help.contains("Usage: ringline " + command) &&
                help.contains("Examples:"), () -> command + " --help: " + help);
        }
        final String script = cli.run("completion").assertOk().stdout();
        org.junit.jupiter.api.Assertions.assertTrue(script.contains("complete -F") && script.contains("stat") &&
            script.contains("--spawn-pong"), "a bash completion script for every command");
    }
}
