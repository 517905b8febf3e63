package io.ringline.ring;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.test.TestChannels;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The lost-wake-up hunt. A child process publishes in random bursts with random gaps (none, a few microseconds of
 * spinning, or a park); this test's subscriber sleeps every time it finds the channel empty. The last message of a
 * burst asks for an acknowledgement on a second channel, and the publisher waits for it before the next burst: a
 * lost wake-up would leave the subscriber asleep with a message waiting and nobody to wake it, and the publisher
 * reports the stall instead of hiding it behind its next message.
 */
@Timeout(300)
class WakeupHuntTest
{
    static final int LAST_OF_BURST = 2;
    static final long STALL_LIMIT_NS = TimeUnit.SECONDS.toNanos(5);

    @ParameterizedTest
    @CsvSource({"futex, 10000000", "posixsem, 1000000", "sysvsem, 1000000"})
    void everyMessageArrivesWithoutAStall(final String mode, final long count) throws Exception
    {
        final String data = TestChannels.SHM.newChannel();
        final String acks = TestChannels.SHM.newChannel();
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(with(data, "capacity=64k&wait=" + mode));
            Publisher ackPublisher = ringline.addExclusivePublisher(acks);
            ChildProcess child = ChildProcess.startJvm(PublishMain.class, data, acks, Long.toString(count)))
        {
            final UnsafeBuffer ack = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
            final long[] next = new long[1];
            final long[] longestGapNs = new long[1];
            final long[] lastNs = {0};
            final MessageHandler handler = new MessageHandler()
            {
                @Override
                public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header h)
                {
                    final long sequence = buffer.getLong(offset);
                    assertEquals(next[0], sequence, "sequence");
                    next[0]++;
                    final long nowNs = System.nanoTime();
                    if (lastNs[0] != 0)
                    {
                        longestGapNs[0] = Math.max(longestGapNs[0], nowNs - lastNs[0]);
                    }
                    lastNs[0] = nowNs;
                    if (h.type() == LAST_OF_BURST)
                    {
                        ack.putLong(0, sequence);
                        while (ackPublisher.offer(ack, 0, 8) < 0)
                        {
                            Thread.yield();
                        }
                    }
                }
            };

            while (next[0] < count)
            {
                if (subscriber.receive(handler, 256, STALL_LIMIT_NS * 2) == 0 && next[0] < count)
                {
                    fail("no message for 10 s at sequence " + next[0] + "; publisher says:\n" + child.output());
                }
            }
            assertEquals(0, child.awaitExitCode(60_000), child.output());
            final String report = child.output().lines().filter(l -> l.startsWith("longest ack wait")).findFirst()
                .orElse("(no report)");
            System.out.printf("wakeup hunt %s: %,d messages, longest gap between messages %.3f ms, %s%n",
                mode, count, longestGapNs[0] / 1e6, report);
            assertTrue(child.output().contains("DONE"), child.output());
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(data);
                cleaner.removeChannel(acks);
            }
        }
    }

    /** Child: {@code dataChannel ackChannel count}. Prints DONE, or STALL and exits 1. */
    public static final class PublishMain
    {
        public static void main(final String[] args)
        {
            final long count = Long.parseLong(args[2]);
            final SplittableRandom random = new SplittableRandom(42);
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final long[] acked = {-1};
            long longestWaitNs = 0;
            try (Ringline ringline = Ringline.connect();
                Subscriber ackSubscriber = ringline.addSubscriber(args[1]);
                Publisher publisher = ringline.addExclusivePublisher(args[0]))
            {
                long sequence = 0;
                while (sequence < count)
                {
                    final long burstEnd = Math.min(count, sequence + 1 + random.nextInt(64));
                    for (; sequence < burstEnd; sequence++)
                    {
                        message.putLong(0, sequence);
                        final int type = sequence == burstEnd - 1 ? LAST_OF_BURST : 1;
                        while (publisher.offer(message, 0, 8 + random.nextInt(48), type) < 0)
                        {
                            Thread.yield();
                        }
                    }

                    final long startNs = System.nanoTime();
                    while (acked[0] != burstEnd - 1)
                    {
                        ackSubscriber.poll((buffer, offset, length, header) -> acked[0] = buffer.getLong(offset), 10);
                        if (System.nanoTime() - startNs > STALL_LIMIT_NS)
                        {
                            System.out.println("STALL: no acknowledgement of sequence " + (burstEnd - 1) +
                                " after 5 s: a lost wake-up");
                            System.exit(1);
                        }
                    }
                    longestWaitNs = Math.max(longestWaitNs, System.nanoTime() - startNs);

                    final int gap = random.nextInt(4);
                    if (gap == 1)
                    {
                        final long spinUntil = System.nanoTime() + random.nextInt(20_000);
                        while (System.nanoTime() < spinUntil)
                        {
                            Thread.onSpinWait();
                        }
                    }
                    else if (gap == 2)
                    {
                        LockSupport.parkNanos(random.nextInt(100_000));
                    }
                }
            }
            System.out.printf("longest ack wait %.3f ms%n", longestWaitNs / 1e6);
            System.out.println("DONE");
        }
    }
}
