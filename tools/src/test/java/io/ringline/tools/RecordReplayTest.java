package io.ringline.tools;

import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ringline record} and {@code replay} across processes: a publisher JVM on {@code shm:live}, {@code record}
 * into a journal, then {@code replay} into {@code shm:replayed} read here: every message, in order, with its type and
 * bytes, the 3000-byte ones fragmented by the 1 KiB rings and reassembled.
 */
@Timeout(180)
class RecordReplayTest
{
    private static final int MESSAGES = 2_000;
    private static final String RING_PARAMS = "?max-msg=1k&capacity=64k";

    @TempDir
    Path dir;

    @Test
    void recordsALiveChannelAndReplaysItIntoAnother() throws Exception
    {
        final Path shm = Files.createDirectory(dir.resolve("shm"));
        final Path journal = dir.resolve("journal");
        final Cli cli = new Cli(shm);
        final Path recordOut = dir.resolve("record.out");
        try (ChildProcess record = ChildProcess.start("record", cli.command("record", "--from", "shm:live" + RING_PARAMS,
            "--to", "journal:" + journal + "?segment=64k", "--count", "" + MESSAGES, "--seconds", "120")
            .redirectOutput(recordOut.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)))
        {
            cli.awaitSubscriber("shm:live");
            try (ChildProcess publisher = ChildProcess.startLogged(JavaCommand.of(LivePublisherChild.class,
                "shm:live" + RING_PARAMS, "" + MESSAGES).inheritOptions().property("ringline.shm.dir", shm.toString())))
            {
                assertEquals(0, publisher.awaitExitCode(TimeUnit.SECONDS.toMillis(60)));
            }
            assertEquals(0, record.awaitExitCode(TimeUnit.SECONDS.toMillis(60)));
        }
        assertEquals(List.of("recorded " + MESSAGES + " messages from shm:live" + RING_PARAMS + " to journal:" +
            journal + "?segment=64k"), Files.readAllLines(recordOut));

        final List<String> failures = new ArrayList<>();
        final long[] next = { 0 };
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(shm.toString()));
            Subscriber replayed = ringline.addSubscriber("shm:replayed" + RING_PARAMS);
            ChildProcess replay = ChildProcess.start("replay", cli.command("replay", "--from", "journal:" + journal,
                "--to", "shm:replayed" + RING_PARAMS, "--rate", "20000", "--count", "" + MESSAGES)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)))
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (next[0] < MESSAGES && System.nanoTime() < deadlineNs)
            {
                replayed.receive((buffer, offset, length, header) ->
                {
                    final long sequence = LivePublisherChild.check(buffer, offset, length);
                    if (sequence != next[0] || header.type() != LivePublisherChild.type(sequence))
                    {
                        failures.add("expected " + next[0] + " got " + sequence + " type " + header.type());
                    }
                    next[0]++;
                }, 64, TimeUnit.MILLISECONDS.toNanos(100));
            }
            assertEquals(0, replay.awaitExitCode(TimeUnit.SECONDS.toMillis(60)));
        }
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())));
        assertEquals(MESSAGES, next[0]);
    }

    @Test
    void recordAndReplayStopOnSigtermAndAtTheirTimeout() throws Exception
    {
        final Path shm = Files.createDirectory(dir.resolve("shm"));
        final Cli cli = new Cli(shm);
        final String journal = "journal:" + dir.resolve("journal") + "?segment=64k";
        final Path recordOut = dir.resolve("record.out");
        try (ChildProcess record = ChildProcess.start("record", cli.command("record", "--from", "shm:idle",
            "--to", journal).redirectOutput(recordOut.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)))
        {
            cli.awaitSubscriber("shm:idle");
            record.process().destroy(); // SIGTERM
            assertEquals(128 + 15, record.awaitExitCode(TimeUnit.SECONDS.toMillis(30)));
        }
        assertEquals(List.of(), cli.json("stat", "shm:idle", "--json").get("subscribers").list());
        assertEquals(List.of("recorded 0 messages from shm:idle to " + journal), Files.readAllLines(recordOut));

        final Cli.Result replay = cli.run("replay", "--from", journal, "--to", "shm:out", "--speed", "2",
            "--seconds", "1").assertOk();
        assertEquals("replayed 0 messages from " + journal + " to shm:out\n", replay.stdout());
        cli.run("replay", "--from", journal, "--to", "shm:out", "--rate", "5", "--speed", "2")
            .assertFails(RinglineCli.EXIT_USAGE, "mutually exclusive");
    }
}
