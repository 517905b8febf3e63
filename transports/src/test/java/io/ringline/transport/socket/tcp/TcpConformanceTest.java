package io.ringline.transport.socket.tcp;

import io.ringline.transport.TransportConformance;
import io.ringline.transport.socket.SocketTests;

/**
 * TCP on loopback passes the transport suite.
 */
class TcpConformanceTest extends TransportConformance
{
    @Override
    protected String newChannel()
    {
        return "tcp://127.0.0.1:" + SocketTests.freeTcpPort();
    }

    @Override
    protected int maxMessageLength()
    {
        return 65536;
    }
}
