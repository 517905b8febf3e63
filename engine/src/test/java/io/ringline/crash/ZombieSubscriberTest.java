package io.ringline.crash;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.os.ProcessIdentity;
import io.ringline.process.JavaCommand;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Liveness by pid and start time, not pid alone: a subscriber process killed but left unreaped by its parent keeps
 * its pid (a zombie answers {@code kill(pid, 0)}), yet its slot is reclaimed and publishers are not held back by it;
 * and a live pid with another start time (a reused pid) is not the process that registered.
 */
@Timeout(120)
class ZombieSubscriberTest
{
    @Test
    void aKilledSubscriberLeftUnreapedIsDeadAndHoldsNobodyBack() throws Exception
    {
        final String channel = with(TestChannels.SHM.newChannel(), "capacity=64k");
        final Path log = Files.createTempFile("ringline-zombie-subscriber-", ".log");
        // sh starts the JVM in the background and blocks reading stdin: it does not reap the JVM when it is killed,
        // so the JVM stays a zombie until the test closes sh's stdin and sh reaches `wait`.
        final List<String> command = new ArrayList<>(List.of("sh", "-c", "\"$@\" & read line; wait", "sh"));
        command.addAll(JavaCommand.of(CrashSubscriberMain.class, channel).options(JavaCommand.SMALL_HEAP).words());
        Process parent = null;
        long childPid = 0;
        // A liveness timeout of ten minutes: only the zombie check can free the slot within the test's time.
        final Ringline.Context context = new Ringline.Context()
            .heartbeatIntervalMs(10).livenessTimeoutMs(600_000).unblockTimeoutMs(600_001);
        try (Ringline ringline = Ringline.connect(context);
            Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            parent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("READY"))
            {
                assertTrue(System.nanoTime() < deadline && parent.isAlive(), Files.readString(log));
                Thread.sleep(10);
            }
            childPid = Long.parseLong(Files.readString(log).lines().filter(line -> line.startsWith("PID "))
                .findFirst().orElseThrow().substring(4));
            final long childStart = ProcessIdentity.startTimeOf(childPid);
            assertTrue(ProcessIdentity.isAlive(childPid, childStart));
            assertFalse(ProcessIdentity.isAlive(childPid, childStart + 1), "same pid, other start time: not it");

            assertTrue(ProcessHandle.of(childPid).orElseThrow().destroyForcibly());
            while (!"Z".equals(state(childPid)))
            {
                assertTrue(System.nanoTime() < deadline, "child never became a zombie: " + state(childPid));
                Thread.sleep(5);
            }
            assertFalse(ProcessIdentity.isAlive(childPid, childStart), "a zombie is not alive");

            // Four laps of the ring: impossible if the zombie's slot still held the publisher back.
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
            final int[] received = {0};
            for (int i = 0; i < 2048; i++)
            {
                while (publisher.offer(message, 0, 100) < 0)
                {
                    assertTrue(System.nanoTime() < deadline, "held back at message " + i);
                    subscriber.poll((buffer, offset, length, header) -> received[0]++, 64);
                }
            }
            while (received[0] < 2048)
            {
                assertTrue(System.nanoTime() < deadline);
                subscriber.poll((buffer, offset, length, header) -> received[0]++, 64);
            }
            assertEquals("Z", state(childPid), "still unreaped when the publisher went past it");
        }
        finally
        {
            if (null != parent)
            {
                parent.getOutputStream().close(); // sh reads EOF, waits, reaps the zombie, exits
                assertTrue(parent.waitFor(20, TimeUnit.SECONDS), "sh did not finish");
            }
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(channel.substring(0, channel.indexOf('?')));
            }
            Files.deleteIfExists(log);
        }
    }

    private static String state(final long pid) throws Exception
    {
        final Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat))
        {
            return null;
        }
        final String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2).split(" ")[0];
    }
}
