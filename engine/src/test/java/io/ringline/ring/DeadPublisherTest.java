package io.ringline.ring;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A publisher process killed with SIGKILL between claiming space and committing it: subscribers do not hang. Every
 * message committed before and after the dead claim is delivered, in order, once the claim has been turned into
 * padding; while the claimant is alive, however slow, nothing is skipped.
 */
@Timeout(90)
class DeadPublisherTest
{
    private static final long UNBLOCK_TIMEOUT_MS = 400;

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void aClaimLeftByAKilledPublisherIsSkippedAndNothingElseIsLost(final TestChannels kind) throws Exception
    {
        final String channel = with(kind.newChannel(), "capacity=64k");
        final Ringline.Context context = new Ringline.Context()
            .heartbeatIntervalMs(20).livenessTimeoutMs(200).unblockTimeoutMs(UNBLOCK_TIMEOUT_MS);
        try (Ringline ringline = Ringline.connect(context);
            Subscriber subscriber = ringline.addSubscriber(channel);
            ChildProcess child = ChildProcess.startJvm(ClaimAndHangMain.class, channel, "100"))
        {
            child.awaitLine("CLAIMED", 30_000);
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            try (Publisher after = ringline.addPublisher(channel))
            {
                for (long sequence = 100; sequence < 200; sequence++)
                {
                    message.putLong(0, sequence);
                    while (after.offer(message, 0, 8 + (int)(sequence % 40)) < 0)
                    {
                        Thread.yield();
                    }
                }
            }

            final long[] next = {0};
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline)
            {
                subscriber.poll((buffer, offset, length, header) ->
                {
                    assertEquals(next[0], buffer.getLong(offset), "in order, nothing lost or repeated");
                    next[0]++;
                }, 64);
            }
            assertEquals(100, next[0],
                "the messages before the claim arrive; those after wait while the claimant lives, however long");

            child.kill();

            final long watchdog = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (next[0] < 200 && System.nanoTime() < watchdog)
            {
                subscriber.receive((buffer, offset, length, header) ->
                {
                    assertEquals(next[0], buffer.getLong(offset), "in order after the dead claim");
                    assertEquals(8 + (int)(next[0] % 40), length);
                    next[0]++;
                }, 64, TimeUnit.MILLISECONDS.toNanos(100));
            }
            assertEquals(200, next[0], "every message committed after the dead claim arrives");
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(channel.substring(0, channel.indexOf('?')));
            }
        }
    }

    /** Child: {@code channel count}: publishes count sequenced messages, claims one more, prints CLAIMED, hangs. */
    public static final class ClaimAndHangMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            try (Ringline ringline = Ringline.connect();
                Publisher publisher = ringline.addPublisher(args[0]))
            {
                final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
                final int count = Integer.parseInt(args[1]);
                while (!publisher.isConnected())
                {
                    Thread.yield();
                }
                for (long sequence = 0; sequence < count; sequence++)
                {
                    message.putLong(0, sequence);
                    while (publisher.offer(message, 0, 8 + (int)(sequence % 40)) < 0)
                    {
                        Thread.yield();
                    }
                }
                final BufferClaim claim = new BufferClaim();
                while (publisher.tryClaim(48, 0, claim) < 0)
                {
                    Thread.yield();
                }
                claim.buffer().putLong(claim.offset(), -1);
                System.out.println("CLAIMED");
                Thread.sleep(Long.MAX_VALUE); // never commits
            }
        }
    }
}
