package io.ringline.perf;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * Consumer side of a throughput run: counts data messages between the {@link BenchMessage#MEASURE_START} and
 * {@link BenchMessage#END_OF_STREAM} markers, timing that window with the consumer's clock, and checks that
 * sequence numbers arrive in order without gaps. It handles Agrona ring buffer and Aeron messages directly; other
 * transports call {@link #onSequence(long)}.
 */
public final class ThroughputCounter implements MessageHandler, FragmentHandler
{
    private long expectedSequence = 1;
    private long received;
    private long outOfOrder;
    private long startNs;
    private long startCount;
    private long endNs;
    private long endCount;
    private boolean started;
    private boolean ended;

    /**
     * Call for every message received, in order.
     *
     * @param sequence the message's sequence number.
     */
    public void onSequence(final long sequence)
    {
        if (sequence > 0)
        {
            if (sequence != expectedSequence)
            {
                outOfOrder++;
            }
            expectedSequence = sequence + 1;
            received++;
        }
        else if (sequence == BenchMessage.MEASURE_START)
        {
            startNs = System.nanoTime();
            startCount = received;
            started = true;
        }
        else if (sequence == BenchMessage.END_OF_STREAM)
        {
            endNs = System.nanoTime();
            endCount = received;
            ended = true;
        }
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        onSequence(BenchMessage.sequence(buffer, index));
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        onSequence(BenchMessage.sequence(buffer, offset));
    }

    /**
     * @return true once the end marker has arrived.
     */
    public boolean isEnded()
    {
        return ended;
    }

    /**
     * @return data messages per second over the measured window.
     * @throws IllegalStateException if a marker is missing, the window is empty, or messages were out of order.
     */
    public double messagesPerSecond()
    {
        if (!started || !ended || endNs <= startNs)
        {
            throw new IllegalStateException(
                "no measured window: started=" + started + ", ended=" + ended + ", received=" + received);
        }
        if (outOfOrder != 0)
        {
            throw new IllegalStateException(
                "messages out of order or lost: outOfOrder=" + outOfOrder + ", received=" + received);
        }

        return (endCount - startCount) * 1e9 / (endNs - startNs);
    }
}
