package io.ringline.transport.socket.tcp;

import io.ringline.transport.socket.SocketTests;
import io.ringline.transport.socket.StreamSocketBehaviour;

/**
 * TCP on loopback keeps the stream-socket behaviour. Every frame is split by the kernel when the socket fills.
 */
class TcpBehaviourTest extends StreamSocketBehaviour
{
    @Override
    protected String newChannel(final String params)
    {
        return "tcp://127.0.0.1:" + SocketTests.freeTcpPort() + params;
    }

    @Override
    protected int splitMessageLength()
    {
        return 1000;
    }
}
