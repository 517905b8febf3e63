package io.ringline.transport.socket.tcp;

import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.transport.socket.InteropTool;
import io.ringline.transport.socket.SocketTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An ordinary tool, bash's {@code /dev/tcp}, writes into a Ringline TCP subscriber with line and raw framing.
 */
@Timeout(60)
class TcpInteropTest
{
    private Ringline ringline;
    private final int port = SocketTests.freeTcpPort();

    @BeforeEach
    void connect()
    {
        Assumptions.assumeTrue(null != InteropTool.onPath("bash"), "bash is not on PATH");
        ringline = Ringline.connect();
    }

    @AfterEach
    void cleanUp()
    {
        if (null != ringline)
        {
            ringline.close();
        }
    }

    private List<String> bashWrites(final String framing, final String script) throws Exception
    {
        try (Subscriber subscriber = ringline.addSubscriber("tcp://127.0.0.1:" + port + "?framing=" + framing))
        {
            return InteropTool.receiveFrom(subscriber, List.of("bash", "-c", script));
        }
    }

    @Test
    void bashLinesArriveAsMessages() throws Exception
    {
        assertEquals(List.of("hello", "world"),
            bashWrites("line", "printf 'hello\\nworld\\n' > /dev/tcp/127.0.0.1/" + port));
    }

    @Test
    void bashBytesArriveUnframed() throws Exception
    {
        final List<String> chunks = bashWrites("raw",
            "exec 3> /dev/tcp/127.0.0.1/" + port + "; printf 'abc' >&3; printf 'def\\n' >&3; exec 3>&-");
        assertEquals("abcdef\n", String.join("", chunks), "chunks " + chunks);
    }
}
