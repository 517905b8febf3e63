package io.ringline.transport.socket.unix;

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
 * An ordinary tool writes lines into a Ringline Unix-socket subscriber: socat, else OpenBSD nc ({@code -U -N}), else
 * perl's core IO::Socket::UNIX; skipped when the machine has none of them.
 */
@Timeout(60)
class UnixInteropTest
{
    private Ringline ringline;
    private final String path = SocketTests.freshPath(".sock");

    @BeforeEach
    void connect()
    {
        ringline = Ringline.connect();
    }

    @AfterEach
    void cleanUp()
    {
        ringline.close();
    }

    private List<String> writeLines(final String text) throws Exception
    {
        final List<String> command;
        final String lines = "printf '" + text.replace("\n", "\\n") + "' | ";
        if (null != InteropTool.onPath("socat"))
        {
            command = List.of("sh", "-c", lines + "socat - UNIX-CONNECT:" + path);
        }
        else if (null != InteropTool.onPath("nc") && supportsUnixSockets())
        {
            command = List.of("sh", "-c", lines + "nc -N -U " + path);
        }
        else if (null != InteropTool.onPath("perl"))
        {
            command = List.of("sh", "-c", lines + "perl -MIO::Socket::UNIX -e '" +
                "my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die \"connect: $!\"; " +
                "print $s $_ while <STDIN>; close $s or die \"close: $!\"' " + path);
        }
        else
        {
            command = null;
        }
        Assumptions.assumeTrue(null != command, "none of socat, nc with -U and -N, perl is on PATH");
        try (Subscriber subscriber = ringline.addSubscriber("unix:" + path + "?framing=line"))
        {
            return InteropTool.receiveFrom(subscriber, command);
        }
    }

    private static boolean supportsUnixSockets() throws Exception
    {
        final Process help = new ProcessBuilder("nc", "-h").redirectErrorStream(true).start();
        final String usage = new String(help.getInputStream().readAllBytes());
        help.waitFor();
        return usage.contains("-U") && usage.contains("-N");
    }

    @Test
    void aToolsLinesArriveAsMessages() throws Exception
    {
        assertEquals(List.of("hello", "world"), writeLines("hello\nworld\n"));
    }
}
