package io.ringline.tools;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.ring.RingDescriptor;
import io.ringline.process.ChildProcess;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static io.ringline.ring.RecordDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way {@code tail} on a ring ends: a damaged record stops it with exit code 1 and a message naming the channel
 * and the record's position, as a subscriber would report it (it used to spin forever on a frame length past the end
 * of the ring, and to print stale bytes for a payload over max-msg or a fragment run over max-fragmented); on a
 * channel with nothing to read it stops at {@code --timeout}; and SIGTERM stops it.
 */
@Timeout(120)
class TailStopTest
{
    private static final String PARAMS = "?capacity=4k&max-msg=256&max-fragmented=1k";

    @TempDir
    Path dir;

    @Test
    void aFrameLengthPastTheEndOfTheRing()
    {
        publish("shm:past", "first", "second");
        damage("past", data -> data.putInt(64 + FRAME_LENGTH_OFFSET, 4096));
        assertTailFails("shm:past", List.of("first"),
            "corrupt record in channel=shm:past ", " at position=64: frameLength=4096 ", "bytes to end of ring=4032");
    }

    @Test
    void aPayloadOverMaxMsg()
    {
        publish("shm:long", "first", "second", "third");
        damage("long", data -> data.putInt(64 + FRAME_LENGTH_OFFSET, HEADER_LENGTH + 257));
        assertTailFails("shm:long", List.of("first"),
            "corrupt record in channel=shm:long ", " at position=64: frameLength=289 ", "max-msg=256");
    }

    @Test
    void aFragmentRunOverMaxFragmented()
    {
        final String text = "x".repeat(1000); // four fragments of 256, 256, 256 and 232 bytes: 4 x 288 in the ring
        publish("shm:run", text, text);
        damage("run", data ->
        {
            data.putByte(3 * 288 + FLAGS_OFFSET, (byte)0); // the first message's END
            data.putByte(4 * 288 + FLAGS_OFFSET, (byte)0); // the second message's BEGIN
        });
        assertTailFails("shm:run", List.of(),
            "corrupt fragmented message in channel=shm:run ", " at position=1152: length=1256 exceeds " +
            "max-fragmented=1024");
    }

    @Test
    void onAChannelWithNothingToReadItStopsAtItsTimeout()
    {
        publish("shm:quiet");
        final Cli cli = new Cli(dir);
        assertEquals("", cli.run("tail", "shm:quiet", "--from", "start", "--timeout", "1s").assertOk().stdout());
        cli.run("tail", "shm:quiet", "--count", "1", "--timeout", "1s")
            .assertFails(1, "channel=shm:quiet delivered 0 of --count 1 messages within --timeout 1000ms");
    }

    @Test
    void sigtermStopsIt() throws Exception
    {
        publish("shm:live", "hello");
        final Path out = dir.resolve("tail.out");
        final ChildProcess tail = ChildProcess.start("tail", new Cli(dir).command("tail", "shm:live", "--from", "start")
            .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD));
        try
        {
            Cli.awaitLine(out, "hello", tail.process());
            tail.process().destroy(); // SIGTERM
            assertTrue(tail.awaitExit(30_000), "tail exits on SIGTERM");
            assertEquals(128 + 15, tail.exitCode(), "killed by SIGTERM, after its shutdown hook");
        }
        finally
        {
            tail.close();
        }
    }

    private void assertTailFails(final String channel, final List<String> printed, final String... fragments)
    {
        final Cli.Result result = new Cli(dir).run("tail", channel, "--from", "start", "--timeout", "2s")
            .assertFails(1, "ringline tail: ");
        for (final String fragment : fragments)
        {
            assertTrue(result.stderr().contains(fragment), () -> "'" + result.stderr() + "' should say " + fragment);
        }
        assertEquals(printed, result.stdout().isEmpty() ? List.of() : Arrays.asList(result.stdout().split("\n")));
    }

    /** Creates a ring channel in the test's directory and publishes these messages, which stay in the ring. */
    private void publish(final String channel, final String... messages)
    {
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(dir.toString()));
            Subscriber holder = ringline.addSubscriber(channel + PARAMS);
            Publisher publisher = ringline.addPublisher(channel))
        {
            for (final String message : messages)
            {
                final byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                assertTrue(publisher.offer(new UnsafeBuffer(bytes), 0, bytes.length) > 0, holder.toString());
            }
        }
    }

    /** Scribbles on a channel's ring, as a stray process with write access could. */
    private void damage(final String name, final Consumer<UnsafeBuffer> scribble)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(dir.resolve("ringline-" + name).toFile(), name);
        try
        {
            final UnsafeBuffer region = new UnsafeBuffer(mapped);
            scribble.accept(new UnsafeBuffer(region, region.getInt(RingDescriptor.HEADER_LENGTH_OFFSET),
                region.getInt(RingDescriptor.CAPACITY_OFFSET)));
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
