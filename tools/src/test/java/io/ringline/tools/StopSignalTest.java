package io.ringline.tools;

import io.ringline.process.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command that runs until stopped closes its channels on SIGTERM before the process exits ({@link StopSignal}): a
 * {@code pong} told to stop leaves no slot behind for the next process to wait out.
 */
@Timeout(120)
class StopSignalTest
{
    @TempDir
    Path dir;

    @Test
    void pongReleasesItsSlotsOnSigterm() throws Exception
    {
        final Cli cli = new Cli(dir);
        final ChildProcess pong = cli.start("pong", "--channel", "shm:rtt");
        try
        {
            cli.awaitSubscriber("shm:rtt");
            pong.process().destroy(); // SIGTERM
            assertTrue(pong.awaitExit(30_000), "pong exits on SIGTERM");
            assertEquals(128 + 15, pong.exitCode());
            assertEquals(List.of(), cli.json("stat", "shm:rtt", "--json").get("subscribers").list());
            assertEquals(List.of(), cli.json("stat", "shm:rtt-pong", "--json").get("publishers").list());
        }
        finally
        {
            pong.close();
        }
    }
}
