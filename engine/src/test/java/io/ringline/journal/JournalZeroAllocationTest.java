package io.ringline.journal;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.test.AllocationWindows;
import io.ringline.test.HotPathTraffic;
import io.ringline.test.HotPathTraffic.CountingHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The journal's hot path allocates nothing: offers, claims and polls within a segment, measured as the ring's
 * {@code ZeroAllocationTest} measures them (bytes this thread allocates, one window of three must be 0). Entering a
 * new segment is not counted: it looks the segment up in a map (a boxed index), once per segment.
 */
@Timeout(120)
class JournalZeroAllocationTest
{
    private static final int MESSAGES = 100_000;

    @Test
    void offerTryClaimCommitAndPollAllocateNothing() throws Exception
    {
        final Path directory = Path.of("/dev/shm",
            "ringline-journal-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        final String uri = "journal:" + directory + "?segment=64m";
        try (Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));
            Publisher publisher = ringline.addPublisher(uri);
            Subscriber subscriber = ringline.addSubscriber(uri + "&from=start"))
        {
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final BufferClaim claim = new BufferClaim();
            final CountingHandler handler = new CountingHandler();
            HotPathTraffic.exchange(publisher, subscriber, message, claim, handler, 20_000);
            HotPathTraffic.exchange(publisher, subscriber, message, claim, handler, 20_000);

            final long[] windows = AllocationWindows.measure(
                () -> HotPathTraffic.exchange(publisher, subscriber, message, claim, handler, MESSAGES));
            final int measured = windows.length;

            assertEquals(2 * (40_000L + (long)measured * MESSAGES), handler.count, "every message was delivered");
            assertTrue(publisher.position() < 64 << 20, "measured within one segment");
            assertEquals(0, windows[measured - 1], "bytes allocated across " + MESSAGES + " offers, " + MESSAGES +
                " claims and their polls, in each of " + measured + " windows: " +
                Arrays.toString(windows));
        }
        finally
        {
            JournalTestSupport.deleteTree(directory);
        }
    }
}
