package io.ringline.perf;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Whole-message reads and writes over blocking channels and streams, for the peers whose transport is a byte stream
 * (sockets, pipes). A stream that ends mid-message is an {@link EOFException}.
 */
public final class BlockingIo
{
    private BlockingIo()
    {
    }

    /**
     * Reads until the buffer is full.
     *
     * @param channel in blocking mode.
     * @param buffer  filled from its position to its limit.
     * @throws IOException if the read fails or the stream ends first.
     */
    public static void readFully(final ReadableByteChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            if (channel.read(buffer) < 0)
            {
                throw new EOFException("stream ended mid-message: read=" + buffer.position() + ", length=" +
                    buffer.limit());
            }
        }
    }

    /**
     * Writes the whole buffer.
     *
     * @param channel in blocking mode.
     * @param buffer  written from its position to its limit.
     * @throws IOException if the write fails.
     */
    public static void writeFully(final WritableByteChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    /**
     * Reads until the array is full.
     *
     * @param in      the stream.
     * @param message filled completely.
     * @throws IOException if the read fails or the stream ends first.
     */
    public static void readFully(final InputStream in, final byte[] message) throws IOException
    {
        final int read = in.readNBytes(message, 0, message.length);
        if (read < message.length)
        {
            throw new EOFException("stream ended mid-message: read=" + read + ", length=" + message.length);
        }
    }
}
