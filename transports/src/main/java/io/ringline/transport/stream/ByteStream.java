package io.ringline.transport.stream;

import java.nio.ByteBuffer;

/**
 * A non-blocking byte stream under a stream transport: a pipe, a FIFO, a Unix or TCP socket. Reads and writes move
 * the buffer's position, as NIO channels do, and never block.
 */
public interface ByteStream extends AutoCloseable
{
    /** {@link #read(ByteBuffer)}: the peer closed; nothing more will come. */
    int END_OF_STREAM = -1;
    /** {@link #write(ByteBuffer)}: the peer closed (EPIPE or a reset). */
    int PEER_CLOSED = -1;

    /**
     * Reads what is available now.
     *
     * @param destination a direct buffer; bytes go from its position up to its limit.
     * @return bytes read, 0 when nothing is available now, or {@link #END_OF_STREAM}.
     */
    int read(ByteBuffer destination);

    /**
     * Writes what fits now.
     *
     * @param source a direct buffer; bytes come from its position up to its limit.
     * @return bytes written (0 when the stream is full), or {@link #PEER_CLOSED}.
     */
    int write(ByteBuffer source);

    /**
     * Waits until there is something to read (or the peer closed), or the timeout passes.
     *
     * @param timeoutNs longest wait.
     * @return true when readable.
     */
    boolean awaitReadable(long timeoutNs);

    /**
     * Closes this end. Idempotent.
     */
    @Override
    void close();
}
