package io.ringline.tools.latency;

import io.ringline.perf.BenchMessage;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SequenceCheckTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
    private final SequenceCheck check = new SequenceCheck();

    @Test
    void countsSkippedAndLateSequenceNumbersAndEveryByte()
    {
        for (final long sequence : new long[] { 1, 2, 5, 4, 6 })
        {
            deliver(sequence, 32);
        }
        assertEquals(5, check.messages());
        assertEquals(5 * 32, check.bytes());
        assertEquals(2, check.missing(), "3 and 4 skipped when 5 came");
        assertEquals(1, check.reordered(), "4 after 5");
    }

    @Test
    void theFirstMessageSeenSetsTheSequenceAndAResetKeepsIt()
    {
        deliver(100, 8);
        deliver(101, 8);
        check.resetCounts();
        assertEquals(0, check.messages());
        deliver(102, 8);
        deliver(104, 8);
        assertEquals(2, check.messages());
        assertEquals(1, check.missing(), "103, not the 99 before the first message seen");
        assertEquals(0, check.reordered());
    }

    @Test
    void messagesTooShortForASequenceNumberAreCountedNotChecked()
    {
        check.onMessage(buffer, 0, 4, null);
        check.onMessage(buffer, 0, 4, null);
        assertEquals(2, check.messages());
        assertEquals(8, check.bytes());
        assertEquals(0, check.missing());
        assertEquals(0, check.reordered());
    }

    private void deliver(final long sequence, final int length)
    {
        BenchMessage.sequence(buffer, 0, sequence);
        check.onMessage(buffer, 0, length, null);
    }
}
