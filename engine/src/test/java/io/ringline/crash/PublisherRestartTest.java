package io.ringline.crash;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A publisher killed mid-claim and restarted at once onto the same channel, as the only (exclusive) publisher or as
 * one of several: the restart opens without waiting for the dead one to be cleaned up, carries on at the channel's
 * tail, and the dead claim is still skipped, so every message before and after it arrives once, in order.
 *
 * <p>Regression: the dead publisher's slot used to be freed as soon as its process was gone; the restarted publisher
 * took the same slot and overwrote the range of the dead claim, so no conductor could ever skip it and the
 * subscribers stalled for good. And an exclusive publisher could not reopen while the dead one's slot was held.
 */
@Timeout(120)
class PublisherRestartTest
{
    private static final int RESTARTED_MESSAGES = 2_000;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aPublisherRestartedAfterAKillMidClaimCarriesOn(final boolean exclusive) throws Exception
    {
        final String channel = with(TestChannels.SHM.newChannel(), "capacity=64k");
        final CrashChecker checker = new CrashChecker(true);
        final MessageHandler handler = CrashChild.checkingHandler(checker);
        try (Ringline ringline = Ringline.connect(CrashRig.testContext());
            Subscriber subscriber = ringline.addSubscriber(channel))
        {
            try (ChildProcess child = ChildProcess.startJvm(CrashPublisherMain.class, channel, "0", "0",
                exclusive ? "exclusive" : "concurrent", "100"))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!child.output().contains("CLAIMED"))
                {
                    assertTrue(System.nanoTime() < deadline && child.process().isAlive(), child.output());
                    subscriber.receive(handler, 256, TimeUnit.MILLISECONDS.toNanos(1));
                }
                child.kill();
                checker.acknowledged(0, 0, CrashChild.lastAcknowledged(child.output()));
            }
            Thread.sleep(100); // several conductor cycles: a dead publisher's slot would be freed by now

            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(CrashMessage.MAX_LENGTH));
            try (Publisher restarted = exclusive ?
                ringline.addExclusivePublisher(channel) : ringline.addPublisher(channel))
            {
                for (long sequence = 0; sequence < RESTARTED_MESSAGES; sequence++)
                {
                    final int length = CrashMessage.length(sequence);
                    CrashMessage.write(message, 0, 1, 0, sequence, length);
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (restarted.offer(message, 0, length) < 0)
                    {
                        assertTrue(System.nanoTime() < deadline, "back-pressured for good at sequence=" + sequence +
                            ": " + checker.report());
                        subscriber.poll(handler, 256);
                    }
                }
            }
            checker.acknowledged(1, 0, RESTARTED_MESSAGES - 1);

            final long watchdog = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!checker.hasCaughtUp() && System.nanoTime() < watchdog)
            {
                subscriber.receive(handler, 256, TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertTrue(checker.hasCaughtUp(), checker.report());
            assertTrue(checker.isClean(), checker.report());
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(channel.substring(0, channel.indexOf('?')));
            }
        }
    }
}
