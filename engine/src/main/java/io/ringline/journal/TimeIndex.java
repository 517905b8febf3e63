package io.ringline.journal;

import io.ringline.ring.RecordDecoder;

/**
 * Finds where a journal reaches a time ({@code from=time:EPOCH_NS}) through the segments' sparse indexes
 * ({@link SegmentDescriptor}): a binary search over the segments by their first entry's timestamp, a binary search
 * over the chosen segment's 256 entries, then a scan with the journal's {@link RecordDecoder} from the last entry
 * stamped before the time to the first message stamped at or after it.
 *
 * <p><b>Bound.</b> {@code log2(segments) + 8} index reads (each segment touched is mapped on the way), then a scan of
 * one stride ({@code segment / 256} bytes: 256 KiB with 64 MiB segments) plus the records committed out of order
 * around it. Records are stamped when claimed and kept in position order, so with several publishers a record may
 * carry a slightly earlier time than the one before it (by at most a claim-to-stamp delay, nanoseconds): the answer is
 * the first record in position order stamped at or after the time.
 */
final class TimeIndex
{
    private TimeIndex()
    {
    }

    /**
     * @param journal the journal.
     * @param epochNs the time.
     * @param uri     the subscriber's URI, for messages.
     * @return the position of the first message stamped at or after {@code epochNs}, or the tail if none is yet.
     */
    static long positionAt(final Journal journal, final long epochNs, final String uri)
    {
        final long first = journal.firstSegment();
        final long last = journal.segmentIndex(journal.tailVolatile());
        long low = first;
        long high = last;
        long chosen = first;
        while (low <= high)
        {
            final long middle = (low + high) >>> 1;
            final Segment segment = journal.segment(middle, false);
            if (null != segment && segment.indexPosition(0, journal.salt) >= 0 &&
                segment.indexTimestamp(0) < epochNs)
            {
                chosen = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        long start = chosen << journal.segmentShift;
        final Segment segment = journal.segment(chosen, false);
        if (null != segment)
        {
            int lowEntry = 0;
            int highEntry = SegmentDescriptor.INDEX_ENTRIES - 1;
            while (lowEntry <= highEntry)
            {
                final int middle = (lowEntry + highEntry) >>> 1;
                final long position = segment.indexPosition(middle, journal.salt);
                if (position >= 0 && segment.indexTimestamp(middle) < epochNs)
                {
                    start = Math.max(start, position);
                    lowEntry = middle + 1;
                }
                else
                {
                    highEntry = middle - 1;
                }
            }
        }
        return scan(journal, start, epochNs, uri);
    }

    private static long scan(final Journal journal, final long start, final long epochNs, final String uri)
    {
        final RecordDecoder decoder = RecordDecoder.overSegments(uri, journal.segmentSize, journal.salt,
            journal.maxMsgLength, journal.maxFragmentedLength, null, start, base ->
            {
                final Segment segment = journal.tailVolatile() > base ?
                    journal.segment(journal.segmentIndex(base), false) : null;
                return null == segment ? null : segment.records;
            });
        final boolean[] reached = new boolean[1];
        while (true)
        {
            final long before = decoder.position();
            final int delivered = decoder.poll((buffer, offset, length, header) ->
                reached[0] = header.timestampNs() >= epochNs, 1);
            if (delivered == 0)
            {
                if (decoder.position() == before)
                {
                    return before; // nothing committed further yet
                }
                continue; // only padding in this poll
            }
            if (reached[0])
            {
                return before;
            }
        }
    }
}
