package io.ringline.journal;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Recorder} and {@link Replayer} in one process: a journal recorded from another journal keeps every message,
 * its type and bytes (fragmented ones whole); a replay at a rate or a speed is never faster than asked; a message for a
 * closed publisher is an exception, never a silent drop.
 */
@Timeout(60)
class RecorderReplayerTest
{
    @TempDir
    Path dir;

    @Test
    void recordsAndReplaysEveryMessageWithItsType()
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Publisher live = ringline.addPublisher("journal:" + dir.resolve("live") + "?segment=64k&max-msg=1k");
            Subscriber liveReader = ringline.addSubscriber("journal:" + dir.resolve("live") + "?from=start");
            Publisher recording = ringline.addPublisher("journal:" + dir.resolve("rec") + "?segment=64k");
            Subscriber recordingReader = ringline.addSubscriber("journal:" + dir.resolve("rec") + "?from=start");
            Publisher out = ringline.addPublisher("journal:" + dir.resolve("out") + "?segment=64k");
            Subscriber outReader = ringline.addSubscriber("journal:" + dir.resolve("out") + "?from=start"))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(3000));
            for (int i = 0; i < 30; i++)
            {
                buffer.setMemory(0, 3000, (byte)i);
                assertTrue(live.offer(buffer, 0, i % 10 == 0 ? 3000 : 10 + i, i) > 0);
                ringline.doWork();
            }
            final Recorder recorder = new Recorder(liveReader, recording, () -> true);
            while (recorder.messages() < 30)
            {
                recorder.doWork(7);
                ringline.doWork();
            }
            final Replayer replayer = Replayer.atRate(recordingReader, out, 200, () -> true);
            final long startNs = System.nanoTime();
            while (replayer.messages() < 30)
            {
                replayer.replay(30, TimeUnit.MILLISECONDS.toNanos(10));
                ringline.doWork();
            }
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(29 * 5),
                "30 messages at 200/s take at least 145 ms");

            final List<String> seen = new ArrayList<>();
            while (outReader.poll((b, offset, length, header) ->
            {
                for (int j = 0; j < length; j++)
                {
                    assertEquals((byte)header.type(), b.getByte(offset + j));
                }
                seen.add(header.type() + ":" + length);
            }, 100) > 0)
            {
                ringline.doWork();
            }
            final List<String> expected = new ArrayList<>();
            for (int i = 0; i < 30; i++)
            {
                expected.add(i + ":" + (i % 10 == 0 ? 3000 : 10 + i));
            }
            assertEquals(expected, seen);
        }
    }

    @Test
    void aSpeedKeepsTheRecordedGapsAndAClosedPublisherIsAnError() throws InterruptedException
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Publisher live = ringline.addPublisher("journal:" + dir.resolve("live") + "?segment=64k");
            Subscriber liveReader = ringline.addSubscriber("journal:" + dir.resolve("live") + "?from=start");
            Publisher out = ringline.addPublisher("journal:" + dir.resolve("out") + "?segment=64k"))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
            live.offer(buffer, 0, 8, 1);
            Thread.sleep(200);
            live.offer(buffer, 0, 8, 2);
            live.offer(buffer, 0, 8, 3);
            final Replayer replayer = Replayer.atSpeed(liveReader, out, 2.0, () -> true);
            final long startNs = System.nanoTime();
            assertEquals(2, replayer.doWork(2));
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(99),
                "a 200 ms gap at speed 2 takes at least 100 ms");
            out.close();
            final IllegalStateException closed = assertThrows(IllegalStateException.class, () -> replayer.doWork(1));
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Replayer.atSpeed(liveReader, out, 0, () -> true));
            assertThrows(IllegalArgumentException.class, () -> Replayer.atRate(liveReader, out, 0, () -> true));
        }
    }
}
