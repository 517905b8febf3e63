package io.ringline.journal;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link ReplayMerge} across processes: a publisher JVM publishes a numbered stream into {@code shm:} without pause
 * (but for short parks), a recorder JVM records it into a journal, and a merger here, started once a quarter of a
 * million-message head start is recorded, replays from the start and switches to the ring itself: it must see every
 * number exactly once, in order, the later ones from the ring.
 */
@Timeout(240)
class ReplayMergeTest
{
    private static final String RING_PARAMS = "?max-msg=1k&capacity=256k";

    private String live;
    private Path directory;
    private Path stopFile;

    @BeforeEach
    void names()
    {
        final String id = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        live = "shm:ringline-merge-" + id;
        directory = Path.of("/dev/shm", "ringline-merge-journal-" + id);
        stopFile = Path.of("/dev/shm", "ringline-merge-stop-" + id);
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        Files.deleteIfExists(stopFile);
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false)))
        {
            ringline.removeChannel(live);
            ringline.removeChannel("journal:" + directory);
        }
        JournalTestSupport.deleteTree(directory);
    }

    @Test
    void aLateMergerSeesEveryMessageOnceInOrderAndEndsOnTheLiveRing() throws Exception
    {
        final String journal = "journal:" + directory + "?segment=1m";
        try (ChildProcess recorder = ChildProcess.startJvm(RecorderMain.class, live + RING_PARAMS, journal))
        {
            recorder.awaitLine("ready", 60_000);
            try (ChildProcess publisher = ChildProcess.startJvm(PublisherMain.class, live + RING_PARAMS,
                stopFile.toString()))
            {
                publisher.awaitLine("published 20000", 60_000);
                final long[] expected = { 0 };
                final long[] fromLive = { 0 };
                final String[] damage = { null };
                try (Ringline ringline = Ringline.connect();
                    ReplayMerge merge = new ReplayMerge(ringline, journal + "&from=start", live + RING_PARAMS))
                {
                    final MessageHandler check = (DirectBuffer buffer, int offset, int length, Header header) ->
                    {
                        final long sequence = buffer.getLong(offset);
                        if (null == damage[0] && (sequence != expected[0] || length != length(sequence)))
                        {
                            damage[0] = "expected " + expected[0] + " got " + sequence + " length=" + length +
                                " live=" + merge.isLive();
                        }
                        expected[0]++;
                        if (merge.isLive())
                        {
                            fromLive[0]++;
                        }
                    };
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while ((!merge.isLive() || fromLive[0] < 20_000) && System.nanoTime() < deadline)
                    {
                        if (merge.poll(check, 64) == 0)
                        {
                            Thread.onSpinWait();
                        }
                    }
                    assertNull(damage[0]);
                    assertTrue(merge.isLive(), "switched to the live ring: " + merge);
                    Files.createFile(stopFile);
                    long polls = 0;
                    while (!publisher.output().contains("total ") && System.nanoTime() < deadline)
                    {
                        for (int i = 0; i < 1000; i++, polls++)
                        {
                            merge.poll(check, 64); // the live subscriber must not hold the publisher back
                        }
                    }
                    assertEquals(0, publisher.awaitExitCode(60_000), publisher.output() + " after polls=" + polls);
                    final String last = publisher.output().lines().filter(line -> line.startsWith("total "))
                        .findFirst().orElseThrow();
                    final long total = Long.parseLong(last.substring("total ".length()));
                    while (expected[0] < total && System.nanoTime() < deadline)
                    {
                        merge.poll(check, 64);
                    }
                    assertNull(damage[0]);
                    assertEquals(total, expected[0], "every message once: " + merge);
                    assertTrue(fromLive[0] >= 20_000 && expected[0] - fromLive[0] >= 20_000,
                        "replayed " + (expected[0] - fromLive[0]) + ", then live " + fromLive[0]);
                }
            }
        }
    }

    static int length(final long sequence)
    {
        return 8 + (int)(sequence % 57) * 8;
    }

    /** Publishes 0, 1, 2, ... into the ring until the stop file appears, retrying back-pressure. */
    static final class PublisherMain
    {
        public static void main(final String[] args)
        {
            final Path stop = Path.of(args[1]);
            try (Ringline ringline = Ringline.connect();
                Publisher publisher = ringline.addPublisher(args[0]))
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
                long sequence = 0;
                while (!Files.exists(stop))
                {
                    for (int i = 0; i < 100; i++, sequence++)
                    {
                        buffer.putLong(0, sequence);
                        while (publisher.offer(buffer, 0, length(sequence), 1) < 0)
                        {
                            Thread.onSpinWait();
                        }
                        if (sequence == 20_000)
                        {
                            System.out.println("published 20000");
                        }
                    }
                    LockSupport.parkNanos(100_000);
                }
                System.out.println("total " + sequence);
            }
        }
    }

    /** Records the ring into the journal until killed. */
    static final class RecorderMain
    {
        public static void main(final String[] args)
        {
            try (Ringline ringline = Ringline.connect();
                Subscriber from = ringline.addSubscriber(args[0]);
                Publisher to = ringline.addPublisher(args[1]))
            {
                final Recorder recorder = new Recorder(from, to, () -> true);
                System.out.println("ready");
                while (true)
                {
                    recorder.record(64, TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
        }
    }
}
