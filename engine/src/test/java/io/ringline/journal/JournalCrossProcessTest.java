package io.ringline.journal;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The journal across processes: two writer processes and two reader processes (one from the start, one joining
 * mid-stream and catching up into live), each reader checking every writer's messages for loss, duplicates, reorder
 * and payload damage, across rolls of small segments; a named cursor whose reader is killed with SIGKILL and
 * restarted; a writer killed between claim and commit.
 */
@Timeout(240)
class JournalCrossProcessTest
{
    private final List<ChildProcess> children = new ArrayList<>();
    private Path directory;
    private Path goFile;
    private String journal;

    @BeforeEach
    void name()
    {
        directory = Path.of(System.getProperty("java.io.tmpdir"),
            "ringline-journal-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        journal = "journal:" + directory + "?segment=256k&max-msg=1k";
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        for (final ChildProcess child : children)
        {
            child.close();
        }
        if (null != goFile)
        {
            java.nio.file.Files.deleteIfExists(goFile);
        }
        JournalTestSupport.deleteTree(directory);
    }

    private ChildProcess start(final Class<?> main, final String... args)
    {
        final ChildProcess child = ChildProcess.startJvm(main, args);
        children.add(child);
        return child;
    }

    @Test
    void twoWritersAndTwoReadersOneJoiningMidStream() throws Exception
    {
        final String perWriter = "40000"; // about 12 MiB: some 50 segments of 256 KiB
        final ChildProcess fromStart = start(JournalChild.ReaderMain.class, journal + "&from=start", "2", perWriter,
            "false", "64");
        fromStart.awaitLine("joined 0", 30_000);
        final Path go = Path.of(directory + ".go");
        goFile = go;
        final ChildProcess first = start(JournalChild.WriterMain.class, journal, "0", perWriter, go.toString());
        final ChildProcess second = start(JournalChild.WriterMain.class, journal, "1", perWriter, go.toString());
        first.awaitLine("half", 60_000);
        second.awaitLine("half", 60_000);
        final ChildProcess midStream = start(JournalChild.ReaderMain.class, journal + "&from=end&wait=futex", "2",
            perWriter, "false", "64");
        midStream.awaitLine("joined " + tail(), 30_000);
        java.nio.file.Files.createFile(go);

        assertEquals(0, first.awaitExitCode(120_000), first.output());
        assertEquals(0, second.awaitExitCode(120_000), second.output());
        assertEquals(0, fromStart.awaitExitCode(120_000), fromStart.output());
        assertTrue(fromStart.output().contains("ok 80000"), fromStart.output());
        assertEquals(0, midStream.awaitExitCode(120_000), midStream.output());
        assertTrue(midStream.output().lines().anyMatch(line -> line.startsWith("ok ")), midStream.output());
        assertFalse(midStream.output().contains("joined 0\n"), "joined mid-stream: " + midStream.output());
    }

    @Test
    void aNamedCursorRestartedAfterSigkillLosesNothing() throws Exception
    {
        final String perWriter = "20000";
        final ChildProcess writer = start(JournalChild.WriterMain.class, journal, "0", perWriter);
        assertEquals(0, writer.awaitExitCode(120_000), writer.output());

        final String reader = journal + "&name=restartable&from=start";
        final ChildProcess killed = start(JournalChild.ReaderMain.class, reader, "1", perWriter, "true", "10");
        killed.awaitLine("m 0 5000", 60_000);
        killed.kill();
        final List<Long> firstRun = sequences(killed.output());

        final ChildProcess restarted = start(JournalChild.ReaderMain.class, reader, "1", perWriter, "true", "10");
        assertEquals(0, restarted.awaitExitCode(120_000), restarted.output());
        final List<Long> secondRun = sequences(restarted.output());

        final long lastBeforeKill = firstRun.get(firstRun.size() - 1);
        final long firstAfterRestart = secondRun.get(0);
        assertTrue(firstAfterRestart <= lastBeforeKill + 1, "no loss: killed after " + lastBeforeKill +
            ", resumed at " + firstAfterRestart);
        final long duplicates = lastBeforeKill + 1 - firstAfterRestart;
        assertTrue(duplicates <= 10, "duplicates at most one poll's messages (limit 10): " + duplicates);
        final Set<Long> all = new HashSet<>(firstRun);
        all.addAll(secondRun);
        assertEquals(20000, all.size());
        assertEquals(19999, secondRun.get(secondRun.size() - 1));
    }

    @Test
    void aWriterKilledBetweenClaimAndCommitLeavesAHoleReadersSkip() throws Exception
    {
        final String uri = journal + "&unblock-timeout=300";
        final ChildProcess hung = start(JournalChild.ClaimAndHangMain.class, uri);
        hung.awaitLine("claimed", 60_000);
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Subscriber subscriber = ringline.addSubscriber(uri + "&from=start");
            Publisher publisher = ringline.addPublisher(uri))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
            for (long sequence = 100; sequence < 200; sequence++)
            {
                JournalChild.fill(buffer, 0, sequence, JournalChild.length(sequence));
                assertTrue(publisher.offer(buffer, 0, JournalChild.length(sequence), 1) > 0);
            }
            final JournalChild.Checker checker = new JournalChild.Checker(1, false);
            final long stuckUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
            while (System.nanoTime() < stuckUntil)
            {
                subscriber.poll((b, offset, length, header) -> checker.onMessage(b, offset, length), 100);
                ringline.doWork();
            }
            assertEquals(100, checker.received, "stopped at the claim while its writer lives");

            hung.kill();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (checker.received < 200 && System.nanoTime() < deadline)
            {
                subscriber.poll((b, offset, length, header) -> checker.onMessage(b, offset, length), 100);
                ringline.doWork();
                Thread.sleep(1);
            }
            assertEquals(200, checker.received, "the 100 before the dead claim and the 100 after it, in order");
        }
    }

    private long tail()
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Subscriber probe = ringline.addSubscriber(journal + "&from=end"))
        {
            return probe.position();
        }
    }

    private static List<Long> sequences(final String output)
    {
        final List<Long> sequences = new ArrayList<>();
        final String whole = output.substring(0, output.lastIndexOf('\n') + 1); // a kill may cut the last line
        whole.lines().filter(line -> line.startsWith("m ")).forEach(line ->
            sequences.add(Long.parseLong(line.substring(line.lastIndexOf(' ') + 1))));
        return sequences;
    }
}
