package io.ringline.transport.socket.unix;

import io.ringline.transport.TransportConformance;
import io.ringline.transport.socket.SocketTests;

/**
 * Unix stream sockets pass the transport suite.
 */
class UnixConformanceTest extends TransportConformance
{
    @Override
    protected String newChannel()
    {
        return "unix:" + SocketTests.freshPath(".sock");
    }

    @Override
    protected int maxMessageLength()
    {
        return 65536;
    }
}
