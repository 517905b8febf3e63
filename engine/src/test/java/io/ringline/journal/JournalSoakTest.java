package io.ringline.journal;

import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import org.agrona.IoUtil;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.ringline.journal.JournalSoakChild.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The journal's crash soak across processes: two writer processes publish mixed-size messages at a fixed rate into a
 * journal of 64 KiB segments (a roll every few hundred messages) while two reader processes read it through named
 * cursors, one from the start, one joining mid-stream ({@code from=time:}, a second behind) and catching up into
 * live; writers and readers are SIGKILLed at random points, {@code ringline.soak.kills} times in all, each restarted
 * at once (a writer as a new incarnation, a reader under its cursor's name). Then every committed message is
 * accounted for:
 * <ul>
 *   <li>the journal, read whole, holds each writer incarnation's messages once, in order, from its first, and at
 *   least every one whose {@code offer} returned (at most one more: committed, killed before the return);</li>
 *   <li>each reader, across its incarnations, saw exactly that sequence from where it started to the end: a
 *   restarted reader's cursor is the position after its last finished poll (or the poll it finished as it was
 *   killed), and it goes on from there, so the only repeats are the messages of the poll it was killed in.</li>
 * </ul>
 * Default (the build's suite): 100 k messages and 20 kills. The soak:
 * {@code -Dringline.soak.messages=1000000 -Dringline.soak.kills=200}.
 */
@Timeout(1800)
class JournalSoakTest
{
    private static final int SEGMENT = 64 * 1024;
    private static final int POLL_LIMIT = 8;

    private final long messages = Long.getLong("ringline.soak.messages", 100_000);
    private final int kills = Integer.getInteger("ringline.soak.kills", 20);
    private final List<ChildProcess> children = new ArrayList<>();
    private final Path directory = Path.of(System.getProperty("java.io.tmpdir"),
        "ringline-soak-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));

    @AfterEach
    void cleanUp() throws IOException
    {
        children.forEach(ChildProcess::close);
        JournalTestSupport.deleteTree(directory);
    }

    @Test
    void everyCommittedMessageOnceInOrderThroughKillsOfWritersAndReaders() throws Exception
    {
        Files.createDirectories(directory);
        final String journal = "journal:" + directory.resolve("journal") + "?segment=64k&max-msg=1k&unblock-timeout=200";
        final Path stop = directory.resolve("stop");
        final long seconds = Math.max(15, kills * 3L / 10);
        final long ratePerWriter = messages / 2 / seconds + 1;
        final long logCapacity = 4 * messages + 100_000;
        final SplittableRandom random = new SplittableRandom(ThreadLocalRandom.current().nextLong());

        final List<List<Path>> writerStates = List.of(new ArrayList<>(), new ArrayList<>());
        final List<List<Path>> readerLogs = List.of(new ArrayList<>(), new ArrayList<>());
        final ChildProcess[] writers = new ChildProcess[2];
        final ChildProcess[] readers = new ChildProcess[2];
        final String[] readerUris = { journal + "&name=soak-a&from=start", null };
        readers[0] = startReader(readerUris[0], readerLogs.get(0), logCapacity);
        for (int slot = 0; slot < 2; slot++)
        {
            writers[slot] = startWriter(journal, slot, writerStates.get(slot), stop, ratePerWriter);
        }

        int killed = 0;
        int writerKills = 0;
        int nearRoll = 0;
        long tailAtMidStreamJoin = -1;
        while (killed < kills || acked(writerStates) < messages)
        {
            if (null == readers[1] && acked(writerStates) >= messages / 4)
            {
                final long epochNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - 1_000_000_000L;
                tailAtMidStreamJoin = tail(journal);
                readerUris[1] = journal + "&name=soak-b&from=time:" + epochNs;
                readers[1] = startReader(readerUris[1], readerLogs.get(1), logCapacity);
            }
            final long due = messages * (killed + 1) / (kills + 1);
            if (killed < kills && acked(writerStates) >= due)
            {
                Thread.sleep(random.nextInt(20));
                final int victim = random.nextInt(null == readers[1] ? 3 : 4);
                if (victim < 2)
                {
                    writers[victim].kill();
                    final long position = lastPosition(writerStates.get(victim));
                    nearRoll += position % SEGMENT < 8192 || position % SEGMENT > SEGMENT - 8192 ? 1 : 0;
                    writers[victim] = startWriter(journal, victim, writerStates.get(victim), stop, ratePerWriter);
                    writerKills++;
                }
                else
                {
                    final int reader = victim - 2;
                    readers[reader].kill();
                    assertFalse(readers[reader].output().contains("FAIL"), readers[reader].output());
                    readers[reader] = startReader(readerUris[reader], readerLogs.get(reader), logCapacity);
                }
                killed++;
            }
            else
            {
                Thread.sleep(5);
            }
        }
        Files.createFile(stop);
        for (final ChildProcess writer : writers)
        {
            assertEquals(0, writer.awaitExitCode(120_000), writer.output());
        }

        final Scan scan = scan(journal);
        final long[] committed = checkWriters(scan, writerStates);
        for (int reader = 0; reader < 2; reader++)
        {
            awaitEnd(readers[reader], last(readerLogs.get(reader)), scan.ends[scan.count - 1]);
            readers[reader].kill();
            assertFalse(readers[reader].output().contains("FAIL"), readers[reader].output());
        }
        final long[] a = checkReader("reader from start", scan, readerLogs.get(0), true);
        final long[] b = checkReader("reader joining mid-stream", scan, readerLogs.get(1), false);
        assertTrue(b[2] > 1 && scan.ends[(int)b[2] - 1] < tailAtMidStreamJoin,
            "the mid-stream reader started behind the tail and caught up: first message " + b[2]);
        System.out.printf("journal soak: %d messages committed (%d acknowledged by offer) in %d segments, " +
            "%d kills (%d of writers, %d of them within 8 KiB of a roll, %d of readers), lost 0, duplicated 0, " +
            "reordered 0; the readers re-read %d and %d messages of polls they were killed in and read %d and %d%n",
            scan.count, committed[0], scan.ends[scan.count - 1] / SEGMENT + 1, killed, writerKills, nearRoll,
            killed - writerKills, a[1], b[1], a[0], b[0]);
    }

    private ChildProcess startWriter(final String journal, final int slot, final List<Path> states, final Path stop,
        final long rate) throws InterruptedException
    {
        final Path state = directory.resolve("writer-" + slot + "-" + states.size());
        states.add(state);
        final ChildProcess child = ChildProcess.startJvm(JournalSoakChild.WriterMain.class, journal,
            Integer.toString(slot), Integer.toString(states.size() - 1), state.toString(), stop.toString(),
            Long.toString(rate));
        children.add(child);
        child.awaitLine("ready", 60_000);
        return child;
    }

    private ChildProcess startReader(final String uri, final List<Path> logs, final long capacity)
        throws InterruptedException
    {
        final Path log = directory.resolve("reader-" + uri.hashCode() + "-" + logs.size());
        logs.add(log);
        final ChildProcess child = ChildProcess.startJvm(JournalSoakChild.ReaderMain.class, uri, log.toString(),
            Long.toString(capacity), Integer.toString(POLL_LIMIT));
        children.add(child);
        child.awaitLine("ready", 60_000);
        return child;
    }

    private static long acked(final List<List<Path>> writerStates) throws IOException
    {
        long acked = 0;
        for (final List<Path> states : writerStates)
        {
            for (final Path state : states)
            {
                acked += read(state, 64).getLongVolatile(ACKED_OFFSET);
            }
        }
        return acked;
    }

    /** The end position of the last acknowledged message of a writer's latest incarnation (0 if none). */
    private static long lastPosition(final List<Path> states) throws IOException
    {
        return read(states.get(states.size() - 1), 64).getLongVolatile(POSITION_OFFSET);
    }

    private static UnsafeBuffer read(final Path file, final long length) throws IOException
    {
        final MappedByteBuffer mapped = JournalSoakChild.map(file, length);
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[(int)length]);
        copy.putBytes(0, new UnsafeBuffer(mapped), 0, (int)length);
        IoUtil.unmap(mapped);
        return copy;
    }

    private static Path last(final List<Path> paths)
    {
        return paths.get(paths.size() - 1);
    }

    private static long tail(final String journal)
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Subscriber probe = ringline.addSubscriber(journal + "&from=end"))
        {
            return probe.position();
        }
    }

    /** Every message in the journal, in order: its end position and id. */
    private record Scan(long[] ends, long[] ids, int count)
    {
        /** How many messages end at or before this position. */
        int countTo(final long position)
        {
            int low = 0;
            int high = count;
            while (low < high)
            {
                final int mid = (low + high) >>> 1;
                if (ends[mid] <= position)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }
            return low;
        }
    }

    private Scan scan(final String journal) throws InterruptedException
    {
        final long tail = tail(journal);
        final long[] ends = new long[(int)(4 * messages + 100_000)];
        final long[] ids = new long[ends.length];
        final int[] count = new int[1];
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(journal + "&from=start"))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (subscriber.position() < tail)
            {
                subscriber.receive((buffer, offset, length, header) ->
                {
                    ends[count[0]] = header.position();
                    ids[count[0]++] = id(buffer.getInt(offset), buffer.getInt(offset + 4), buffer.getLong(offset + 8));
                }, 1000, TimeUnit.MILLISECONDS.toNanos(100));
                assertTrue(System.nanoTime() < deadline, "scan stuck at " + subscriber.position() + " of " + tail);
            }
        }
        return new Scan(ends, ids, count[0]);
    }

    /**
     * Each writer incarnation's messages in the journal: sequences 0, 1, 2... in order, as many as its offers
     * returned or one more.
     *
     * @return the messages acknowledged by offer.
     */
    private static long[] checkWriters(final Scan scan, final List<List<Path>> writerStates) throws IOException
    {
        final Long2LongHashMap next = new Long2LongHashMap(0);
        for (int i = 0; i < scan.count; i++)
        {
            final long incarnation = scan.ids[i] >>> 32;
            final long sequence = scan.ids[i] & 0xFFFF_FFFFL;
            assertEquals(next.get(incarnation), sequence, "writer " + (incarnation >>> 24) + " incarnation " +
                (incarnation & 0xFF_FFFF) + " at message " + i + ": lost, duplicated or reordered");
            next.put(incarnation, sequence + 1);
        }
        long acked = 0;
        for (int slot = 0; slot < 2; slot++)
        {
            for (int incarnation = 0; incarnation < writerStates.get(slot).size(); incarnation++)
            {
                final long offered = read(writerStates.get(slot).get(incarnation), 64).getLongVolatile(ACKED_OFFSET);
                final long inJournal = next.get((long)slot << 24 | incarnation);
                assertTrue(inJournal == offered || inJournal == offered + 1, "writer " + slot + " incarnation " +
                    incarnation + ": offer returned " + offered + " times, the journal holds " + inJournal);
                acked += offered;
            }
        }
        return new long[]{ acked };
    }

    /**
     * A reader's log across its incarnations against the journal.
     *
     * @return messages read, messages read again after a restart, index of its first message + 1.
     */
    private static long[] checkReader(final String name, final Scan scan, final List<Path> logs, final boolean fromStart)
        throws IOException
    {
        int next = -1;
        long read = 0;
        long again = 0;
        long lastPollEnd = -1;
        long first = 0;
        for (int incarnation = 0; incarnation < logs.size(); incarnation++)
        {
            final Path logFile = logs.get(incarnation);
            final long entries = read(logFile, ENTRIES_OFFSET).getLongVolatile(COUNT_OFFSET);
            final UnsafeBuffer log = read(logFile, ENTRIES_OFFSET + entries * ENTRY_LENGTH);
            for (long e = 0; e < entries; e++)
            {
                final int at = ENTRIES_OFFSET + (int)(e * ENTRY_LENGTH);
                final long position = log.getLong(at);
                final long id = log.getLong(at + 8);
                final String where = name + " incarnation " + incarnation + " entry " + e;
                if (JOIN == id)
                {
                    final int resume = scan.countTo(position);
                    if (next < 0)
                    {
                        assertTrue(!fromStart || 0 == resume, where + ": starts at message " + resume);
                    }
                    else
                    {
                        assertTrue(scan.countTo(lastPollEnd) == resume || next == resume, where +
                            ": resumed at message " + resume + ", its last finished poll ended at message " +
                            scan.countTo(lastPollEnd) + ", its last message read was " + (next - 1));
                        again += next - resume;
                    }
                    next = resume;
                    lastPollEnd = position;
                }
                else if (POLL_END == id)
                {
                    assertEquals(next, scan.countTo(position), where + ": poll ended after another message");
                    lastPollEnd = position;
                }
                else
                {
                    assertTrue(next < scan.count, where + ": a message after the journal's end");
                    if (0 == read)
                    {
                        first = next + 1;
                    }
                    assertEquals(scan.ends[next], position, where + ": expected message " + next +
                        (position > scan.ends[next] ? ", lost" : ", duplicated or reordered"));
                    assertEquals(scan.ids[next], id, where + ": message " + next);
                    next++;
                    read++;
                }
            }
        }
        assertEquals(scan.count, next, name + " reached the end");
        return new long[]{ read, again, first };
    }

    private static void awaitEnd(final ChildProcess reader, final Path log, final long end)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true)
        {
            final long entries = read(log, ENTRIES_OFFSET).getLongVolatile(COUNT_OFFSET);
            final UnsafeBuffer tail = read(log, ENTRIES_OFFSET + entries * ENTRY_LENGTH);
            if (entries > 0 && tail.getLong(ENTRIES_OFFSET + (int)((entries - 1) * ENTRY_LENGTH)) >= end)
            {
                return;
            }
            assertTrue(reader.isAlive(), reader.output());
            assertTrue(System.nanoTime() < deadline, "reader stuck: " + reader.output());
            Thread.sleep(20);
        }
    }
}
