package io.ringline.crash;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The checker of the crash tests catches what it is there to catch: a test that cannot fail proves nothing.
 */
class CrashCheckerTest
{
    @Test
    void aCompleteStreamIsClean()
    {
        final CrashChecker checker = new CrashChecker(true);
        for (long sequence = 0; sequence < 10; sequence++)
        {
            checker.onMessage(1, 0, sequence);
        }
        checker.acknowledged(1, 0, 9);
        assertTrue(checker.isClean(), checker.report());
        assertTrue(checker.hasCaughtUp());
        assertEquals(10, checker.delivered());
    }

    @Test
    void anInjectedLossIsCounted()
    {
        final CrashChecker checker = new CrashChecker(true);
        checker.onMessage(1, 0, 0);
        checker.onMessage(1, 0, 1);
        checker.onMessage(1, 0, 3);
        assertEquals(1, checker.lost(), checker.report());
        assertFalse(checker.isClean());
        assertTrue(checker.report().contains("gap: expected 2"), checker.report());
    }

    @Test
    void aMissingFirstMessageIsALossWhenTheSubscriberWasThereFromTheStart()
    {
        final CrashChecker fromStart = new CrashChecker(true);
        fromStart.onMessage(1, 0, 1);
        assertEquals(1, fromStart.lost());

        final CrashChecker joinedLater = new CrashChecker(false);
        joinedLater.onMessage(1, 0, 1);
        joinedLater.onMessage(1, 0, 2);
        assertTrue(joinedLater.isClean(), joinedLater.report());
    }

    @Test
    void anInjectedDuplicateIsCounted()
    {
        final CrashChecker checker = new CrashChecker(true);
        checker.onMessage(1, 0, 0);
        checker.onMessage(1, 0, 1);
        checker.onMessage(1, 0, 1);
        assertEquals(1, checker.duplicated(), checker.report());
        assertEquals(0, checker.lost());
        assertFalse(checker.isClean());
    }

    @Test
    void anInjectedReorderIsCountedOnceAndNotAsALoss()
    {
        final CrashChecker checker = new CrashChecker(true);
        checker.onMessage(1, 0, 0);
        checker.onMessage(1, 0, 2);
        checker.onMessage(1, 0, 1);
        checker.onMessage(1, 0, 3);
        assertEquals(1, checker.reordered(), checker.report());
        assertEquals(0, checker.lost(), checker.report());
        assertEquals(0, checker.duplicated());
        assertFalse(checker.isClean());
    }

    @Test
    void anAcknowledgedMessageThatNeverArrivesIsALoss()
    {
        final CrashChecker checker = new CrashChecker(true);
        checker.onMessage(1, 0, 0);
        checker.onMessage(1, 0, 1);
        checker.acknowledged(1, 0, 4);
        assertFalse(checker.hasCaughtUp());
        assertEquals(3, checker.lost(), checker.report());
        assertTrue(checker.report().contains("acknowledged=4"), checker.report());

        final CrashChecker nothingArrived = new CrashChecker(true);
        nothingArrived.acknowledged(2, 3, 0);
        assertEquals(1, nothingArrived.lost());
    }

    @Test
    void streamsAreKeptApartByPublisherAndIncarnation()
    {
        final CrashChecker checker = new CrashChecker(true);
        checker.onMessage(1, 0, 0);
        checker.onMessage(1, 1, 0);
        checker.onMessage(2, 0, 0);
        checker.onMessage(1, 0, 1);
        checker.onMessage(1, 1, 1);
        assertTrue(checker.isClean(), checker.report());
        assertEquals(3, checker.streams());
    }

    @Test
    void aTornPayloadIsCaughtByTheFiller()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CrashMessage.MAX_LENGTH]);
        for (final long sequence : new long[] {0, 7, 100, 201})
        {
            final int length = CrashMessage.length(sequence);
            CrashMessage.write(buffer, 0, 3, 4, sequence, length);
            assertTrue(CrashMessage.isIntact(buffer, 0, length));
            assertEquals(3, CrashMessage.publisher(buffer, 0));
            assertEquals(4, CrashMessage.incarnation(buffer, 0));
            assertEquals(sequence, CrashMessage.sequence(buffer, 0));
            assertFalse(CrashMessage.isIntact(buffer, 0, length - 1), "wrong length");
            buffer.putByte(length - 1, (byte)(buffer.getByte(length - 1) + 1));
            assertFalse(CrashMessage.isIntact(buffer, 0, length), "torn filler");
        }
        assertEquals(CrashMessage.FRAGMENTED_LENGTH, CrashMessage.length(100), "every 101st message is fragmented");
    }
}
