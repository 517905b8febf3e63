package io.ringline.journal;

import io.ringline.MessageHandler;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A writer killed inside a segment roll, for certain: {@link RollStopHook} stops a writer process at one of the two
 * points of a roll where the tail is already in the next segment but something before it is not committed, and the
 * test SIGKILLs it there. Then a reader in this process reads every message committed before the kill, gets past the
 * hole(s) within the unblock timeout, and reads a second writer process's messages, which land in the next segment,
 * all in order, none twice; {@link JournalVerifier} names the hole before the reader skipped it and finds the journal
 * intact after; and a new reader reads the whole journal without any unblocking. Chronicle Queue's issue #1509 (a
 * half-made roll cycle stalled tailers or made them skip a cycle) is what this shows the journal does not have.
 */
@Timeout(180)
class JournalRollCrashTest
{
    private static final int SEGMENT_SIZE = 64 * 1024;
    private static final long UNBLOCK_TIMEOUT_MS = 300;
    private static final int LATE_MESSAGES = 500;
    /** Slack over the unblock timeouts for a loaded 2-core machine: a watchdog, not a performance bound. */
    private static final long SLACK_MS = 10_000;
    private static final String MARKER = "stopped-at-roll ";

    private final List<ChildProcess> children = new ArrayList<>();
    private Path directory;
    private String uri;

    @BeforeEach
    void name()
    {
        directory = JournalTestSupport.temporaryDirectory("ringline-roll-");
        uri = "journal:" + directory + "?segment=64k&max-msg=1k&unblock-timeout=" + UNBLOCK_TIMEOUT_MS;
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        for (final ChildProcess child : children)
        {
            child.close();
        }
        JournalTestSupport.deleteTree(directory);
        assertFalse(Files.exists(directory), directory + " left behind");
    }

    @ParameterizedTest
    @ValueSource(strings = {RollStopHook.BEFORE_PADDING, RollStopHook.BEFORE_FIRST_RECORD})
    void aWriterKilledInsideARollLosesNothingAndStallsNoReader(final String point) throws Exception
    {
        final ChildProcess stopped = start(ChildProcess.startLogged(
            JavaCommand.of(JournalChild.AnnouncingWriterMain.class, uri, "0", "1000000")
                .options(JavaCommand.SMALL_HEAP)
                .property(RollStopHook.STOP_AT_ROLL_PROP_NAME, point)));
        final String marker = awaitMarker(stopped);
        assertTrue(marker.startsWith(MARKER + "point=" + point + " "), marker);
        final long paddingAt = field(marker, "tail");
        final long nextSegment = field(marker, "start");
        assertEquals(0, nextSegment % SEGMENT_SIZE, "the claim's record starts the next segment: " + marker);
        assertTrue(paddingAt < nextSegment && nextSegment - paddingAt < SEGMENT_SIZE, marker);
        final long committed = lastOffering(stopped.output()); // the offer that stopped was not committed
        final boolean paddingHole = RollStopHook.BEFORE_PADDING.equals(point);
        final long firstHole = paddingHole ? paddingAt : nextSegment;

        final Received received = new Received();
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Subscriber subscriber = ringline.addSubscriber(uri + "&from=start"))
        {
            pollUntil(ringline, subscriber, received, System.nanoTime() + 2 * ms(UNBLOCK_TIMEOUT_MS), () -> false);
            assertEquals(committed, received.count(), "every committed message, and no skip while the writer lives");
            assertEquals(firstHole, subscriber.position(), "stopped at the roll's first uncommitted byte");

            stopped.kill();
            final long killedNs = System.nanoTime();
            final JournalVerifier before = JournalVerifier.verify(directory);
            assertEquals(committed, before.messages(), before.toString());
            assertHoleReportedAt(firstHole, before.damage());

            final int holes = paddingHole ? 2 : 1;
            final long boundNs = holes * ms(UNBLOCK_TIMEOUT_MS) + ms(SLACK_MS);
            pollUntil(ringline, subscriber, received, killedNs + boundNs, () -> subscriber.position() > nextSegment);
            final long pastRollMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNs);
            assertTrue(subscriber.position() > nextSegment, "past the roll within " + holes + " x unblock-timeout=" +
                UNBLOCK_TIMEOUT_MS + " + " + SLACK_MS + " ms; at position=" + subscriber.position());
            System.out.println("point=" + point + " holes=" + holes + " killToPastRollMs=" + pastRollMs);

            final ChildProcess late = start(ChildProcess.startJvm(
                JournalChild.WriterMain.class, uri, "1", Integer.toString(LATE_MESSAGES)));
            assertEquals(0, late.awaitExitCode(60_000), late.output());
            pollUntil(ringline, subscriber, received, System.nanoTime() + TimeUnit.SECONDS.toNanos(30),
                () -> received.count() == committed + LATE_MESSAGES);
            received.assertExactly(committed, LATE_MESSAGES);
            assertTrue(received.firstLatePosition > nextSegment, "the new writer's messages are in the next " +
                "segment: first at position=" + received.firstLatePosition);
        }

        final JournalVerifier after = JournalVerifier.verify(directory);
        assertTrue(after.isIntact(), after.damage().toString());
        assertEquals(committed + LATE_MESSAGES, after.messages(), after.toString());

        final Received fresh = new Received();
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Subscriber subscriber = ringline.addSubscriber(uri + "&from=start"))
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (fresh.count() < committed + LATE_MESSAGES && System.nanoTime() < deadlineNs)
            {
                subscriber.poll(fresh, 100); // no conductor work: the holes are padding on disk now
            }
            fresh.assertExactly(committed, LATE_MESSAGES);
        }
    }

    private ChildProcess start(final ChildProcess child)
    {
        children.add(child);
        return child;
    }

    private static long ms(final long milliseconds)
    {
        return TimeUnit.MILLISECONDS.toNanos(milliseconds);
    }

    private static void pollUntil(
        final Ringline ringline,
        final Subscriber subscriber,
        final Received received,
        final long deadlineNs,
        final java.util.function.BooleanSupplier done) throws InterruptedException
    {
        while (!done.getAsBoolean() && System.nanoTime() - deadlineNs < 0)
        {
            if (subscriber.poll(received, 100) == 0)
            {
                ringline.doWork();
                Thread.sleep(1);
            }
        }
    }

    private static String awaitMarker(final ChildProcess child) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadlineNs < 0)
        {
            final String output = child.output();
            final String marker = output.lines().filter(line -> line.startsWith(MARKER)).findFirst().orElse(null);
            if (null != marker && output.contains(marker + "\n"))
            {
                return marker;
            }
            assertTrue(child.isAlive(), "writer exited before the roll: " + output);
            Thread.sleep(10);
        }
        throw new AssertionError("writer did not stop at a roll within 60 s: " + child.output());
    }

    /**
     * Verify stops at the first hole and names it; an index entry written by the killed claim names the same
     * position (the index is written at the claim, before the commit).
     */
    private static void assertHoleReportedAt(final long hole, final List<String> damage)
    {
        assertEquals(1, damage.stream().filter(line -> line.startsWith("hole at ")).count(), damage.toString());
        for (final String line : damage)
        {
            assertTrue(line.startsWith("hole at position=" + hole + ":") ||
                line.matches("segment=\\d+ index entry=\\d+ names position=" + hole +
                    ", where no record is committed"),
                "damage other than the hole at position=" + hole + ": " + damage);
        }
    }

    private static long field(final String line, final String name)
    {
        for (final String word : line.split(" "))
        {
            if (word.startsWith(name + "="))
            {
                return Long.parseLong(word.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name + "= in: " + line);
    }

    private static long lastOffering(final String output)
    {
        return output.lines().filter(line -> line.startsWith("offering "))
            .mapToLong(line -> Long.parseLong(line.substring("offering ".length()))).max()
            .orElseThrow(() -> new AssertionError("no offering line: " + output));
    }

    /**
     * Every message as {@code (writer, sequence)}, its length and payload checked, and where the late writer's first
     * message ended.
     */
    private static final class Received implements MessageHandler
    {
        private final List<String> messages = new ArrayList<>();
        private final List<String> damaged = new ArrayList<>();
        private long firstLatePosition = -1;

        @Override
        public void onMessage(
            final org.agrona.DirectBuffer buffer, final int offset, final int length, final io.ringline.Header header)
        {
            final int writer = buffer.getInt(offset);
            final long sequence = buffer.getLong(offset + 4);
            messages.add(writer + ":" + sequence);
            if (length != JournalChild.length(sequence))
            {
                damaged.add(writer + ":" + sequence + " length=" + length);
            }
            for (int i = 12; i < length; i++)
            {
                if (buffer.getByte(offset + i) != (byte)(sequence + i))
                {
                    damaged.add(writer + ":" + sequence + " byte=" + i);
                    break;
                }
            }
            if (writer == 1 && firstLatePosition < 0)
            {
                firstLatePosition = header.position();
            }
        }

        long count()
        {
            return messages.size();
        }

        void assertExactly(final long fromStopped, final long fromLate)
        {
            final List<String> expected = new ArrayList<>();
            for (long sequence = 0; sequence < fromStopped; sequence++)
            {
                expected.add("0:" + sequence);
            }
            for (long sequence = 0; sequence < fromLate; sequence++)
            {
                expected.add("1:" + sequence);
            }
            assertEquals(List.of(), damaged, "damaged payloads");
            assertEquals(expected, messages, "every committed message once, in order: the stopped writer's, then " +
                "the late writer's");
        }
    }
}
