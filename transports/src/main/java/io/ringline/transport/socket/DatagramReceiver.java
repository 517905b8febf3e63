package io.ringline.transport.socket;

import java.nio.ByteBuffer;

/**
 * The bound, receiving socket of a datagram transport, non-blocking.
 */
public interface DatagramReceiver extends AutoCloseable
{
    /** {@link #receive(ByteBuffer)}: no datagram is waiting. */
    int NO_DATAGRAM = -1;

    /**
     * Takes one datagram if one is waiting. A datagram longer than the room is cut to it: make the room one byte
     * longer than the longest valid datagram to tell.
     *
     * @param destination a direct buffer; bytes go from its position, which moves past them.
     * @return bytes received, or {@link #NO_DATAGRAM}.
     */
    int receive(ByteBuffer destination);

    /**
     * Waits until a datagram is waiting or the timeout passes.
     *
     * @param timeoutNs longest wait.
     * @return true when readable.
     */
    boolean awaitReadable(long timeoutNs);

    /**
     * Closes the socket and releases what it holds (a socket file). Idempotent.
     */
    @Override
    void close();
}
