package io.ringline.transport.socket.udp;

import io.ringline.transport.TransportConformance;
import io.ringline.transport.socket.SocketTests;

/**
 * UDP on loopback passes the transport suite as a lossy transport that does not back-pressure: a full receive
 * buffer drops datagrams instead of making the sender wait.
 */
class UdpConformanceTest extends TransportConformance
{
    @Override
    protected String newChannel()
    {
        return "udp://127.0.0.1:" + SocketTests.freeUdpPort();
    }

    @Override
    protected int maxMessageLength()
    {
        return UdpTransportProvider.MAX_MSG;
    }

    @Override
    protected boolean reliable()
    {
        return false;
    }

    @Override
    protected boolean backPressures()
    {
        return false;
    }
}
