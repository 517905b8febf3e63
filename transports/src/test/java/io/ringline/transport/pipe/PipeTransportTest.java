package io.ringline.transport.pipe;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.JavaCommand;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Anonymous pipes between a parent and the child it starts: a JVM echoing through {@code pipe:stdin} and
 * {@code pipe:stdout}, and {@code cat} as the ordinary tool on the other end with line framing.
 */
@Timeout(60)
class PipeTransportTest
{
    @Test
    void aChildEchoesEveryMessageWithItsTypeInOrderThenEndsTheStream() throws Exception
    {
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
        final int count = 20_000;
        try (PipeChild child = PipeChild.start(JavaCommand.of(EchoMain.class).words(), "max-msg=4096"))
        {
            final Publisher publisher = child.publisher();
            final Subscriber subscriber = child.subscriber();
            final long[] next = {0};
            int sent = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            while (next[0] < count && System.nanoTime() < deadline)
            {
                if (sent < count)
                {
                    message.putLong(0, sent);
                    if (publisher.offer(message, 0, 8 + sent % 4000, sent % 5) >= 0)
                    {
                        sent++;
                    }
                }
                subscriber.poll((buffer, offset, length, header) ->
                {
                    assertEquals(next[0], buffer.getLong(offset));
                    assertEquals(8 + next[0] % 4000, length);
                    assertEquals(next[0] % 5, header.type());
                    next[0]++;
                }, 64);
            }
            assertEquals(count, next[0]);

            publisher.close(); // the child sees end of input and exits
            assertTrue(child.process().waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, subscriber.receive((b, o, l, h) -> fail("nothing after the end"), 1,
                TimeUnit.SECONDS.toNanos(10)));
            assertTrue(subscriber.isEndOfStream());
        }
    }

    @Test
    void aPublisherWhoseChildDiedGetsClosedNotACrashOrAHang() throws Exception
    {
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        try (PipeChild child = PipeChild.start(List.of("sh", "-c", "exit 0"), ""))
        {
            assertTrue(child.process().waitFor(20, TimeUnit.SECONDS));
            long result = 0;
            for (int i = 0; i < 100 && result >= 0; i++)
            {
                result = child.publisher().offer(message, 0, 64, 1);
            }
            assertEquals(Publisher.CLOSED, result, Publisher.resultName(result));
            assertEquals(Publisher.CLOSED, child.publisher().offer(message, 0, 64, 1));
        }
    }

    @Test
    void catIsAnOrdinaryToolOnTheOtherEndWithLineFraming() throws Exception
    {
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        try (PipeChild child = PipeChild.start(List.of("cat"), "framing=line&max-msg=64"))
        {
            final List<String> lines = new ArrayList<>();
            for (final String line : new String[] {"hello", "ringline", "pipes"})
            {
                final byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
                message.putBytes(0, bytes);
                assertTrue(child.publisher().offer(message, 0, bytes.length) > 0);
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lines.size() < 3 && System.nanoTime() < deadline)
            {
                child.subscriber().receive((buffer, offset, length, header) ->
                    lines.add(buffer.getStringWithoutLengthAscii(offset, length)), 10, TimeUnit.SECONDS.toNanos(1));
            }
            assertEquals(List.of("hello", "ringline", "pipes"), lines);
        }
    }

    @Test
    void aPipeUriNamesWhichEndItIs()
    {
        try (Ringline ringline = Ringline.connect())
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> ringline.addPublisher("pipe:stdin"));
            assertTrue(ex.getMessage().contains("pipe:stdout"), ex.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ringline.addSubscriber("pipe:stdout"));
            assertThrows(IllegalArgumentException.class, () -> ringline.addSubscriber("pipe:stdin?colour=red"));
        }
    }

    /** Child: echoes pipe:stdin to pipe:stdout, message by message, type by type, until end of input. */
    public static final class EchoMain
    {
        public static void main(final String[] args)
        {
            try (Ringline ringline = Ringline.connect();
                Subscriber in = ringline.addSubscriber("pipe:stdin?max-msg=4096");
                Publisher out = ringline.addPublisher("pipe:stdout?max-msg=4096"))
            {
                while (!in.isEndOfStream())
                {
                    in.receive((buffer, offset, length, header) ->
                    {
                        while (out.offer(buffer, offset, length, header.type()) < 0)
                        {
                            Thread.yield();
                        }
                    }, 64, TimeUnit.SECONDS.toNanos(1));
                }
            }
        }
    }
}
