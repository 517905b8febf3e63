package io.ringline.perf;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * Ping side: remembers the sequence number of the last echo received, from an Agrona ring buffer or an Aeron
 * subscription.
 */
public final class LastSequenceHandler implements MessageHandler, FragmentHandler
{
    private long lastSequence;

    /**
     * @return the sequence number of the last message received, 0 before the first.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        lastSequence = BenchMessage.sequence(buffer, index);
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        lastSequence = BenchMessage.sequence(buffer, offset);
    }
}
