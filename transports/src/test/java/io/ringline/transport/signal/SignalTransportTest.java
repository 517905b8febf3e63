package io.ringline.transport.signal;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Signals notify a process: across processes, to a dead process, and the signals the transport refuses.
 */
@Timeout(60)
class SignalTransportTest
{
    @Test
    void anotherProcessIsNotifiedOncePerSignal() throws Exception
    {
        try (ChildProcess child = ChildProcess.startJvm(ReceiverMain.class, "10");
            Ringline ringline = Ringline.connect())
        {
            child.awaitLine("READY", 30_000);
            final Publisher publisher = ringline.addPublisher("signal:" + child.pid() + "?sig=USR1");
            assertTrue(publisher.isConnected(), "kill(pid, 0) finds the child");
            final UnsafeBuffer value = new UnsafeBuffer(new byte[4]);
            for (int i = 0; i < 10; i++)
            {
                value.putInt(0, i);
                assertTrue(publisher.offer(value, 0, 4) > 0);
                Thread.sleep(30); // standard signals coalesce: give each its own moment
            }
            assertEquals(0, child.awaitExitCode(30_000), child.output());
            assertTrue(child.output().contains("GOT 10"), child.output());

            assertFalse(publisher.isConnected(), "the child is gone");
            assertEquals(Publisher.NOT_CONNECTED, publisher.offer(value, 0, 4));
            publisher.close();
        }
    }

    @Test
    void aSubscriberInThisProcessWakesOnItsOwnSignal()
    {
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber("signal:self?sig=WINCH");
            Publisher publisher = ringline.addPublisher("signal:self?sig=WINCH"))
        {
            assertEquals(0, subscriber.receive((b, o, l, h) -> { }, 1, TimeUnit.MILLISECONDS.toNanos(20)));
            assertTrue(publisher.offer(new UnsafeBuffer(new byte[4]), 0, 1) > 0);
            final long[] sequence = {0};
            assertEquals(1, subscriber.receive((b, o, l, h) -> sequence[0] = b.getInt(o), 1, TimeUnit.SECONDS.toNanos(10)));
            assertEquals(1, sequence[0]);
        }
    }

    @Test
    void signalsThatWouldHurtAreRefusedByName()
    {
        try (Ringline ringline = Ringline.connect())
        {
            for (final String sig : new String[] {"KILL", "SEGV", "QUIT", "TERM", "INT", "BUS", "RTMIN"})
            {
                final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> ringline.addSubscriber("signal:self?sig=" + sig));
                assertTrue(ex.getMessage().contains("sig=" + sig) && ex.getMessage().contains("USR1"), ex.getMessage());
            }
            assertThrows(IllegalArgumentException.class, () -> ringline.addPublisher("signal:0?sig=USR1"));
            assertThrows(IllegalArgumentException.class, () -> ringline.addPublisher("signal:abc"));
            assertThrows(IllegalArgumentException.class, () -> ringline.addSubscriber("signal:1?sig=USR1"));
            final Publisher publisher = ringline.addPublisher("signal:self?sig=USR2");
            assertThrows(IllegalArgumentException.class, () -> publisher.offer(new UnsafeBuffer(new byte[8]), 0, 5));
            assertThrows(IllegalArgumentException.class, () -> publisher.offer(new UnsafeBuffer(new byte[8]), 0, 4, 3));
        }
    }

    /** Child: {@code count}; receives USR1 until count arrived, prints GOT n. */
    public static final class ReceiverMain
    {
        public static void main(final String[] args)
        {
            final int expected = Integer.parseInt(args[0]);
            int received = 0;
            try (Ringline ringline = Ringline.connect();
                Subscriber subscriber = ringline.addSubscriber("signal:self?sig=USR1"))
            {
                System.out.println("READY");
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (received < expected && System.nanoTime() < deadline)
                {
                    received += subscriber.receive((b, o, l, h) -> { }, 100, TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
            System.out.println("GOT " + received);
        }
    }
}
