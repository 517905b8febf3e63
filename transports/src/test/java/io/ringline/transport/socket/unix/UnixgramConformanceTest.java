package io.ringline.transport.socket.unix;

import io.ringline.transport.TransportConformance;
import io.ringline.transport.socket.SocketTests;

/**
 * Unix datagram sockets pass the transport suite as a reliable, back-pressuring transport: on Linux a Unix datagram
 * is never dropped; a full receiver queue makes the sender wait (EAGAIN).
 */
class UnixgramConformanceTest extends TransportConformance
{
    @Override
    protected String newChannel()
    {
        return "unixgram:" + SocketTests.freshPath(".sock");
    }

    @Override
    protected int maxMessageLength()
    {
        return UnixgramTransportProvider.MAX_MSG_DEFAULT;
    }
}
