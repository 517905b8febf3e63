package io.ringline.transport.socket.unix;

import io.ringline.transport.socket.SocketTests;
import io.ringline.transport.socket.StreamSocketBehaviour;

/**
 * Unix stream sockets keep the stream-socket behaviour. The kernel splits writes over half the send buffer
 * (212992 bytes by default), so a 300000-byte frame may be taken in part.
 */
class UnixBehaviourTest extends StreamSocketBehaviour
{
    @Override
    protected String newChannel(final String params)
    {
        return "unix:" + SocketTests.freshPath(".sock") + params;
    }

    @Override
    protected int splitMessageLength()
    {
        return 300_000;
    }
}
