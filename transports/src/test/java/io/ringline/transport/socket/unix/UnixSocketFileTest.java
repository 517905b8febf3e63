package io.ringline.transport.socket.unix;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import io.ringline.transport.socket.SocketTests;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The socket files of {@code unix:} and {@code unixgram:}: mode whatever the umask, refusal of other files, stale
 * files replaced, removal on close and by removeChannel, and malformed URIs.
 */
@Timeout(60)
class UnixSocketFileTest
{
    private Ringline ringline;
    private final String path = SocketTests.freshPath(".sock");

    @BeforeEach
    void connect()
    {
        ringline = Ringline.connect();
    }

    @AfterEach
    void cleanUp() throws IOException
    {
        ringline.close();
        Files.deleteIfExists(Path.of(path));
    }

    private static int mode(final String path) throws IOException
    {
        return (Integer)Files.getAttribute(Path.of(path), "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0777;
    }

    @Test
    void theSocketFileHasTheModeOfPermAndGoesAwayOnClose() throws IOException
    {
        for (final String scheme : List.of("unix", "unixgram"))
        {
            try (Subscriber ignored = ringline.addSubscriber(scheme + ":" + path))
            {
                assertEquals(0600, mode(path), scheme);
            }
            assertFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS), scheme + " socket file removed");
            try (Subscriber ignored = ringline.addSubscriber(scheme + ":" + path + "?perm=660"))
            {
                assertEquals(0660, mode(path), scheme);
            }
            assertFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS), scheme + " socket file removed");
        }
    }

    @Test
    void theModeDoesNotDependOnTheUmask() throws Exception
    {
        try (ChildProcess child = ChildProcess.startLogged(
            JavaCommand.of(SubscribeAndWait.class, "unix:" + path).options(JavaCommand.SMALL_HEAP).withUmask("000")))
        {
            child.awaitLine("BOUND", 30_000);
            assertEquals(0600, mode(path), child.output());
        }
    }

    @Test
    void aPathThatIsNotASocketIsRefusedAndLeftAlone() throws IOException
    {
        Files.writeString(Path.of(path), "precious");
        for (final String scheme : List.of("unix", "unixgram"))
        {
            final RinglineException ex = assertThrows(RinglineException.class,
                () -> ringline.addSubscriber(scheme + ":" + path));
            assertTrue(ex.getMessage().contains("is not a socket") && ex.getMessage().contains(path),
                ex.getMessage());
            assertFalse(ringline.removeChannel(scheme + ":" + path));
        }
        assertEquals("precious", Files.readString(Path.of(path)));
    }

    @Test
    void aStaleSocketFileIsReplaced() throws IOException
    {
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX))
        {
            crashed.bind(UnixDomainSocketAddress.of(path)); // closing leaves the file, as a crash would
        }
        assertTrue(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS));
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
        try (Subscriber subscriber = ringline.addSubscriber("unix:" + path);
            Publisher publisher = ringline.addPublisher("unix:" + path))
        {
            SocketTests.offer(publisher, message, 8);
            assertEquals(1, subscriber.receive((b, o, l, h) -> { }, 1, TimeUnit.SECONDS.toNanos(10)));
        }
    }

    @Test
    void aLiveSocketOfTheOtherKindIsAddressInUse()
    {
        try (Subscriber ignored = ringline.addSubscriber("unixgram:" + path))
        {
            final RinglineException ex = assertThrows(RinglineException.class,
                () -> ringline.addSubscriber("unix:" + path));
            assertTrue(ex.getMessage().contains("address in use") && ex.getMessage().contains("unix:" + path),
                ex.getMessage());
        }
    }

    @Test
    void closeLeavesAFileThatAnotherSubscriberNowOwns() throws IOException
    {
        final Subscriber first = ringline.addSubscriber("unix:" + path);
        assertTrue(ringline.removeChannel("unix:" + path));
        assertFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS));
        try (Subscriber second = ringline.addSubscriber("unix:" + path))
        {
            first.close();
            assertTrue(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS), "the second subscriber's file stays");
            assertFalse(second.isClosed());
        }
        assertFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS));
        assertFalse(ringline.removeChannel("unix:" + path));
    }

    @Test
    void malformedUrisAreRefusedNamingTheUri()
    {
        final String tooLong = "/tmp/" + "x".repeat(UnixSockets.MAX_PATH_BYTES);
        for (final String scheme : List.of("unix", "unixgram"))
        {
            for (final String uri : List.of(
                scheme + ":relative.sock",
                scheme + ":/tmp/dir/",
                scheme + ":/tmp/../tmp/x.sock",
                scheme + "://tmp/x.sock",
                scheme + ":" + tooLong,
                scheme + ":" + path + "?perm=644x",
                scheme + ":" + path + "?perm=400",
                scheme + ":" + path + "?max-msg=0",
                scheme + ":" + path + "?colour=blue"))
            {
                final IllegalArgumentException subscriberEx = assertThrows(IllegalArgumentException.class,
                    () -> ringline.addSubscriber(uri), uri);
                assertTrue(subscriberEx.getMessage().contains(uri), subscriberEx.getMessage());
                final IllegalArgumentException publisherEx = assertThrows(IllegalArgumentException.class,
                    () -> ringline.addPublisher(uri), uri);
                assertTrue(publisherEx.getMessage().contains(uri), publisherEx.getMessage());
            }
        }
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ringline.addSubscriber("unix:" + tooLong));
        assertTrue(ex.getMessage().contains("107"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ringline.addSubscriber("unix:" + path + "?framing=xml"));
        assertThrows(IllegalArgumentException.class,
            () -> ringline.addSubscriber("unixgram:" + path + "?framing=line"));
    }

    /** Child: {@code channel}: opens a subscriber, prints BOUND, waits to be killed. */
    public static final class SubscribeAndWait
    {
        public static void main(final String[] args) throws Exception
        {
            try (Ringline ringline = Ringline.connect();
                Subscriber ignored = ringline.addSubscriber(args[0]))
            {
                System.out.println("BOUND");
                Thread.sleep(60_000);
            }
        }
    }
}
