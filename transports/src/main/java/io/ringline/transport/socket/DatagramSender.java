package io.ringline.transport.socket;

import java.nio.ByteBuffer;

/**
 * The sending socket of a datagram transport, non-blocking: a datagram is sent whole or not at all.
 */
public interface DatagramSender extends AutoCloseable
{
    /** {@link #send(ByteBuffer)}: the socket buffer or the receiver's queue is full (EAGAIN, ENOBUFS). */
    int WOULD_BLOCK = 0;
    /** {@link #send(ByteBuffer)}: nobody receives at the address (ECONNREFUSED, ENOENT). */
    int NO_RECEIVER = -1;

    /**
     * Sends one datagram.
     *
     * @param datagram a direct buffer; the datagram runs from its position to its limit.
     * @return bytes sent (then the position is at the limit), {@link #WOULD_BLOCK} or {@link #NO_RECEIVER}.
     */
    int send(ByteBuffer datagram);

    /**
     * @return true when a receiver may be there: false only when the transport knows it is not.
     */
    boolean isConnected();

    /**
     * Closes the socket. Idempotent.
     */
    @Override
    void close();
}
