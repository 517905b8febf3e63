package io.ringline.ring;

import org.agrona.concurrent.NanoClock;

/**
 * One of several publishers of a ring, in this process or others: claims space by compare-and-set of the shared tail,
 * so concurrent claims are disjoint and each is contiguous (a fragmented message's fragments stay together).
 */
final class ConcurrentRingPublisher extends RingPublisher
{
    ConcurrentRingPublisher(
        final RingTransportProvider provider,
        final RingChannel channel,
        final String uri,
        final int slotIndex,
        final NanoClock clock,
        final long livenessTimeoutNs)
    {
        super(provider, channel, uri, slotIndex, clock, livenessTimeoutNs);
    }

    @Override
    long claim(final int alignedLength)
    {
        long tail;
        int padding;
        do
        {
            tail = meta.getLongVolatile(RingDescriptor.TAIL_OFFSET);
            checkTailAligned(tail);
            final int index = (int)tail & mask;
            final int toEnd = capacity - index;
            padding = alignedLength > toEnd ? toEnd : 0;
            final long status = checkLimit(tail + padding + alignedLength);
            if (status < 0)
            {
                recordClaim(0, 0); // a range recorded before a failed compare-and-set is not ours
                return status;
            }
            recordClaim(tail, tail + padding + alignedLength);
        }
        while (!meta.compareAndSetLong(RingDescriptor.TAIL_OFFSET, tail, tail + padding + alignedLength));

        if (padding != 0)
        {
            commitRecord((int)tail & mask, tail, padding, 0, RecordDescriptor.PADDING_FLAG);
        }
        return tail + padding;
    }
}
