package io.ringline.crash;

import io.ringline.Ringline;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import io.ringline.test.TestChannels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 14, across processes: a stall of every peer at once (what a paused VM does, whose CLOCK_MONOTONIC jumps when
 * it resumes; here both processes stopped with SIGSTOP for more than twice the liveness timeout) evicts nobody. The
 * publisher's process is resumed first: before the fix its conductor found the subscriber's heartbeat older than the
 * liveness timeout and evicted it, though the subscriber's conductor had been stopped as long as its own. This JVM
 * opens the channel only to remove it: a process that ran through the stall rightly judges the stopped ones.
 */
@Timeout(120)
class MachineStallTest
{
    private static final long HEARTBEAT_MS = 20;
    private static final long LIVENESS_MS = 1000;

    @Test
    void peersStalledTogetherEvictNoOneWhenTheyResume() throws Exception
    {
        final String channel = TestChannels.SHM.newChannel();
        final String uri = TestChannels.with(channel, "capacity=64k");
        final Path trigger = Files.createTempFile("ringline-stall-", ".trigger");
        Files.delete(trigger);
        try (ChildProcess subscriber = start("subscriber", uri);
            ChildProcess publisher = start("publisher", uri, trigger.toString()))
        {
            subscriber.awaitLine("READY", 60_000);
            publisher.awaitLine("READY", 60_000);
            Thread.sleep(5 * HEARTBEAT_MS);

            signal("STOP", subscriber);
            signal("STOP", publisher);
            Thread.sleep(3 * LIVENESS_MS);
            signal("CONT", publisher);
            Thread.sleep(LIVENESS_MS / 4); // the publisher's conductor runs first, with the subscriber's beat 3 s old
            signal("CONT", subscriber);
            Thread.sleep(LIVENESS_MS / 4);

            Files.createFile(trigger);
            assertEquals(0, subscriber.awaitExitCode(60_000), subscriber.output());
            assertTrue(subscriber.output().contains("RECEIVED"), subscriber.output());
            assertEquals(0, publisher.awaitExitCode(60_000), publisher.output());
        }
        finally
        {
            Files.deleteIfExists(trigger);
            try (Ringline ringline = Ringline.connect(new Ringline.Context()))
            {
                ringline.removeChannel(channel);
            }
        }
    }

    private static ChildProcess start(final String... args)
    {
        return ChildProcess.startLogged(JavaCommand.of(StallPeerMain.class, args).options(JavaCommand.SMALL_HEAP)
            .property("ringline.heartbeat.interval.ms", Long.toString(HEARTBEAT_MS))
            .property("ringline.liveness.timeout.ms", Long.toString(LIVENESS_MS)));
    }

    private static void signal(final String signal, final ChildProcess child) throws Exception
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + child);
    }
}
