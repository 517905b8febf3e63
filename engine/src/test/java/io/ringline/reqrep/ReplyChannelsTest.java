package io.ringline.reqrep;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reply-channel convention documented in docs/tools.md, scheme by scheme.
 */
class ReplyChannelsTest
{
    @Test
    void derivesTheReplyChannel()
    {
        assertEquals("shm:rtt-pong", ReplyChannels.derive("shm:rtt"));
        assertEquals("aeron:udp?endpoint=127.0.0.1:40457&mtu=1408",
            ReplyChannels.derive("aeron:udp?endpoint=127.0.0.1:40456&mtu=1408"));
        assertEquals("aeron:ipc?stream=1002", ReplyChannels.derive("aeron:ipc"));
        assertEquals("aeron:ipc?term-length=64k&stream=8", ReplyChannels.derive("aeron:ipc?term-length=64k&stream=7"));
        assertEquals("shm:rtt-pong?capacity=64k&wait=spin", ReplyChannels.derive("shm:rtt?capacity=64k&wait=spin"));
        assertEquals("file:/var/tmp/a.ring-pong", ReplyChannels.derive("file:/var/tmp/a.ring"));
        assertEquals("sysvshm:0x52490002", ReplyChannels.derive("sysvshm:0x52490001"));
        assertEquals("sysvmq:1235", ReplyChannels.derive("sysvmq:1234"));
        assertEquals("fifo:/tmp/f-pong", ReplyChannels.derive("fifo:/tmp/f"));
        assertEquals("mq:/q-pong", ReplyChannels.derive("mq:/q"));
        assertEquals("unix:/tmp/s.sock-pong", ReplyChannels.derive("unix:/tmp/s.sock"));
        assertEquals("unixgram:/tmp/g-pong", ReplyChannels.derive("unixgram:/tmp/g"));
        assertEquals("tcp://127.0.0.1:7001", ReplyChannels.derive("tcp://127.0.0.1:7000"));
        assertEquals("udp://127.0.0.1:7001?max-msg=1024", ReplyChannels.derive("udp://127.0.0.1:7000?max-msg=1024"));
    }

    @Test
    void refusesSchemesWithoutAConvention()
    {
        final IllegalArgumentException pipe = assertThrows(IllegalArgumentException.class,
            () -> ReplyChannels.derive("pipe:stdout"));
        assertTrue(pipe.getMessage().contains("--reply"), pipe.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReplyChannels.derive("tcp://127.0.0.1:65535"));
    }

    @Test
    void derivesAClientsReplyChannelForNamedSchemesOnly()
    {
        assertEquals("shm:orders-reply-1f", ReplyChannels.forClient("shm:orders", 0x1f));
        assertEquals("shm:orders-reply-ab?capacity=64k", ReplyChannels.forClient("shm:orders?capacity=64k", 0xab));
        assertEquals("file:/var/tmp/o.ring-reply-1", ReplyChannels.forClient("file:/var/tmp/o.ring", 1));
        final IllegalArgumentException sysv = assertThrows(IllegalArgumentException.class,
            () -> ReplyChannels.forClient("sysvshm:0x52490001", 1));
        assertTrue(sysv.getMessage().contains("sysvshm"), sysv.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReplyChannels.forClient(null, 1));
    }
}
