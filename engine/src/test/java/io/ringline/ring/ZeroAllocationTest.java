package io.ringline.ring;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.test.AllocationWindows;
import io.ringline.test.HotPathTraffic;
import io.ringline.test.HotPathTraffic.CountingHandler;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The hot path allocates nothing: the bytes this thread allocates across a million offers, claims and polls, after
 * warm-up, are zero ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}).
 */
@Timeout(120)
class ZeroAllocationTest
{
    private static final int MESSAGES = 1_000_000;

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void offerTryClaimCommitAndPollAllocateNothing(final TestChannels kind)
    {
        final String channel = kind.newChannel();
        final String uri = with(channel, "capacity=64k");
        try (Ringline ringline = Ringline.connect())
        {
            try
            {
                try (Subscriber subscriber = ringline.addSubscriber(uri);
                    Publisher exclusive = ringline.addExclusivePublisher(uri))
                {
                    runAndMeasure(exclusive, subscriber, "exclusive");
                }
                try (Subscriber subscriber = ringline.addSubscriber(uri);
                    Publisher concurrent = ringline.addPublisher(uri))
                {
                    runAndMeasure(concurrent, subscriber, "concurrent");
                }
            }
            finally
            {
                ringline.removeChannel(channel); // also when a measurement fails: leave nothing behind
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void pollWithLatencyHistogramsAllocatesNothing(final TestChannels kind)
    {
        final String channel = kind.newChannel();
        final String uri = with(channel, "capacity=64k&latency=true");
        try (Ringline ringline = Ringline.connect())
        {
            try (Subscriber subscriber = ringline.addSubscriber(uri);
                Publisher exclusive = ringline.addExclusivePublisher(uri))
            {
                runAndMeasure(exclusive, subscriber, "latency=true, exclusive");
            }
            finally
            {
                ringline.removeChannel(channel);
            }
        }
    }

    private void runAndMeasure(final Publisher publisher, final Subscriber subscriber, final String mode)
    {
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        final BufferClaim claim = new BufferClaim();
        final CountingHandler handler = new CountingHandler();

        HotPathTraffic.exchange(publisher, subscriber, message, claim, handler, 200_000);
        HotPathTraffic.exchange(publisher, subscriber, message, claim, handler, 200_000);

        final long[] windows = AllocationWindows.measure(
            () -> HotPathTraffic.exchange(publisher, subscriber, message, claim, handler, MESSAGES));
        final int measured = windows.length;

        assertEquals(2 * (400_000L + (long)measured * MESSAGES), handler.count, "every message was delivered");
        assertEquals(0, windows[measured - 1], mode + " publisher: bytes allocated across " + MESSAGES +
            " offers, " + MESSAGES + " claims and their polls, in each of " + measured + " windows: " +
            java.util.Arrays.toString(windows));
    }
}
