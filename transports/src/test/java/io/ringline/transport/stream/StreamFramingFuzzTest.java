package io.ringline.transport.stream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A stream subscriber decodes bytes from a peer it cannot trust (a pipe, a FIFO anyone with permission writes, a
 * socket): bogus, negative and huge frame lengths, frames cut anywhere by the reads, a stream that ends inside a
 * frame. Whatever the bytes and however they are split into reads, it delivers exactly the messages a reference
 * decoder finds, none longer than max-msg, and reports bad framing (and a stream that ends inside a frame) with an
 * {@link IllegalStateException} naming the channel; then it reaches end of stream.
 *
 * <p>Regression inputs: {@code src/test/resources/io/ringline/transport/stream/StreamFramingFuzzTestInputs/}.
 */
class StreamFramingFuzzTest
{
    private static final String URI = "fuzz:stream";

    @FuzzTest(maxDuration = "5m")
    void decode(final FuzzedDataProvider input)
    {
        final Framing framing = Framing.values()[input.consumeInt(0, 2)];
        final int maxMessageLength = input.consumeInt(1, 300);
        final int[] reads = new int[input.consumeInt(1, 16)];
        for (int i = 0; i < reads.length; i++)
        {
            reads[i] = input.consumeInt(0, 400);
        }
        final byte[] bytes = input.consumeRemainingAsBytes();

        final ScriptedStream stream = new ScriptedStream(bytes, reads);
        final StreamSubscriber subscriber =
            new StreamSubscriber(URI, stream, framing, maxMessageLength, NoOpIdleStrategy.INSTANCE);
        final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        final int[] messages = new int[1];
        boolean failed = false;
        for (int poll = 0; poll < 8 * bytes.length + 64 && !subscriber.isEndOfStream(); poll++)
        {
            try
            {
                subscriber.poll((buffer, offset, length, header) ->
                {
                    assertTrue(length >= 0 && length <= maxMessageLength, "length=" + length + " max-msg=" +
                        maxMessageLength);
                    final byte[] message = new byte[length];
                    buffer.getBytes(offset, message);
                    if (framing != Framing.RAW)
                    {
                        delivered.write(header.type() >>> 24); // the type is part of what must survive
                        delivered.write(header.type());
                    }
                    delivered.writeBytes(message);
                    messages[0]++;
                }, 1 + poll % 3);
            }
            catch (final IllegalStateException ex)
            {
                assertTrue(ex.getMessage().contains("channel=" + URI), ex.getMessage());
                assertTrue(framing != Framing.RAW, "raw framing has nothing to reject: " + ex.getMessage());
                failed = true;
                break;
            }
        }

        final Expected expected = expect(framing, bytes, maxMessageLength);
        assertEquals(expected.failed, failed, "rejected");
        if (framing == Framing.RAW)
        {
            assertArrayEquals(bytes, delivered.toByteArray(), "raw delivers every byte, in order");
        }
        else
        {
            assertArrayEquals(expected.messages.toByteArray(), delivered.toByteArray(), "messages");
            assertEquals(expected.count, messages[0], "message count");
        }
        if (!failed)
        {
            assertTrue(subscriber.isEndOfStream(), "end of stream not reached: framing=" + framing);
        }
    }

    private static final class Expected
    {
        final ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int count;
        boolean failed;

        void add(final int type, final byte[] bytes, final int offset, final int length)
        {
            messages.write(type >>> 24);
            messages.write(type);
            messages.write(bytes, offset, length);
            count++;
        }
    }

    // The reference decoder: the whole stream at once, the documented rules.
    private static Expected expect(final Framing framing, final byte[] bytes, final int maxMessageLength)
    {
        final Expected expected = new Expected();
        int at = 0;
        if (framing == Framing.LINE)
        {
            while (at < bytes.length)
            {
                int end = at;
                while (end < bytes.length && bytes[end] != '\n')
                {
                    end++;
                }
                if (end - at > maxMessageLength)
                {
                    expected.failed = true;
                    return expected;
                }
                expected.add(0, bytes, at, end - at); // the last line may lack its newline
                at = end + 1;
            }
        }
        else if (framing == Framing.RINGLINE)
        {
            final ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            while (at < bytes.length)
            {
                if (bytes.length - at < Framing.HEADER_LENGTH)
                {
                    expected.failed = true; // the stream ended inside a frame header
                    return expected;
                }
                final int frameLength = view.getInt(at);
                if (frameLength < Framing.HEADER_LENGTH || frameLength > Framing.HEADER_LENGTH + maxMessageLength ||
                    bytes.length - at < frameLength)
                {
                    expected.failed = true; // a bogus length, or the stream ended inside the frame
                    return expected;
                }
                expected.add(view.getInt(at + 4), bytes, at + Framing.HEADER_LENGTH, frameLength - Framing.HEADER_LENGTH);
                at += frameLength;
            }
        }
        return expected;
    }

    /**
     * The bytes, handed out in reads of the scripted sizes (0: nothing available now), then end of stream.
     */
    private static final class ScriptedStream implements ByteStream
    {
        private final byte[] bytes;
        private final int[] reads;
        private int offset;
        private int read;

        ScriptedStream(final byte[] bytes, final int[] reads)
        {
            this.bytes = bytes;
            this.reads = reads;
        }

        @Override
        public int read(final ByteBuffer destination)
        {
            if (offset == bytes.length)
            {
                return END_OF_STREAM;
            }
            final int scripted = reads[read++ % reads.length];
            final int length = Math.min(Math.min(scripted == 0 && read % 7 == 0 ? 1 : scripted, destination.remaining()),
                bytes.length - offset);
            destination.put(bytes, offset, length);
            offset += length;
            return length;
        }

        @Override
        public int write(final ByteBuffer source)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean awaitReadable(final long timeoutNs)
        {
            return true;
        }

        @Override
        public void close()
        {
        }
    }
}
