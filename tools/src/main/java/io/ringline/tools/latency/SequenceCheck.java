package io.ringline.tools.latency;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.perf.BenchMessage;
import org.agrona.DirectBuffer;

/**
 * The receiving side of {@code ringline throughput}: counts messages and bytes and checks the sequence numbers that
 * {@code ringline flood} writes where the benchmark harness's producers write theirs ({@link BenchMessage}), so that
 * the tool does per message what the harness's consumer does and tells a lossy transport's losses from its rate.
 * Messages shorter than a sequence number are counted, not checked. Allocates nothing per message.
 */
public final class SequenceCheck implements MessageHandler
{
    private long expected;
    private long messages;
    private long bytes;
    private long missing;
    private long reordered;

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        messages++;
        bytes += length;
        if (length >= BenchMessage.MIN_LENGTH)
        {
            final long sequence = BenchMessage.sequence(buffer, offset);
            if (0 == expected || sequence == expected)
            {
                expected = sequence + 1;
            }
            else if (sequence > expected)
            {
                missing += sequence - expected;
                expected = sequence + 1;
            }
            else
            {
                reordered++;
            }
        }
    }

    /**
     * Starts counting afresh (after the warm-up), still expecting the sequence that follows the last one seen.
     */
    public void resetCounts()
    {
        messages = 0;
        bytes = 0;
        missing = 0;
        reordered = 0;
    }

    /**
     * @return messages received since the last reset.
     */
    public long messages()
    {
        return messages;
    }

    /**
     * @return payload bytes received since the last reset.
     */
    public long bytes()
    {
        return bytes;
    }

    /**
     * @return sequence numbers skipped since the last reset: messages lost on the way.
     */
    public long missing()
    {
        return missing;
    }

    /**
     * @return messages since the last reset whose sequence number was lower than one already seen.
     */
    public long reordered()
    {
        return reordered;
    }
}
