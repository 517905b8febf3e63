package io.ringline.perf.jmh;

import io.ringline.Header;
import io.ringline.MessageHandler;
import org.agrona.DirectBuffer;

/**
 * A poll benchmark's handler: reads each message's first {@code long} into a sum the benchmark returns, so that the
 * read is not dead code.
 */
final class SequenceSum implements MessageHandler
{
    /** The sum of every first {@code long} read. */
    long sum;

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        sum += buffer.getLong(offset);
    }
}
