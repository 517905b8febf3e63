package io.ringline.ring;

import org.agrona.concurrent.NanoClock;

/**
 * The only publisher of a ring: it owns the tail, so a claim is a plain read of its own copy and an ordered store,
 * with no atomic read-modify-write. Opening it fails while any other publisher has the channel open.
 */
final class ExclusiveRingPublisher extends RingPublisher
{
    private long tail;

    ExclusiveRingPublisher(
        final RingTransportProvider provider,
        final RingChannel channel,
        final String uri,
        final int slotIndex,
        final NanoClock clock,
        final long livenessTimeoutNs)
    {
        super(provider, channel, uri, slotIndex, clock, livenessTimeoutNs);
        this.tail = channel.tailVolatile();
        checkTailAligned(tail);
    }

    @Override
    long claim(final int alignedLength)
    {
        final long tail = this.tail;
        final int index = (int)tail & mask;
        final int toEnd = capacity - index;
        final int padding = alignedLength > toEnd ? toEnd : 0;
        final long newTail = tail + padding + alignedLength;

        final long status = checkLimit(newTail);
        if (status < 0)
        {
            return status;
        }

        this.tail = newTail;
        if (!Ablations.SKIP_CLAIM_RECORD)
        {
            recordClaim(tail, newTail);
        }
        if (!Ablations.SKIP_TAIL_STORE)
        {
            signaller.storeExclusiveTail(newTail);
        }
        if (padding != 0)
        {
            commitRecord(index, tail, padding, 0, RecordDescriptor.PADDING_FLAG);
        }
        return tail + padding;
    }
}
