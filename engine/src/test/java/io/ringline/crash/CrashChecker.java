package io.ringline.crash;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what a subscriber got wrong, per stream (publisher id, incarnation): messages lost, duplicated, reordered,
 * corrupt, and acknowledged-but-never-delivered.
 *
 * <p>A stream's messages must arrive with sequence numbers contiguous and strictly increasing: from 0 for a
 * subscriber that was there before the publisher started ({@code fromStart}), or from the first one seen for one that
 * joined later. A gap counts as lost until the missing numbers arrive, when they count as reordered instead; a number
 * seen before counts as duplicated. At the end, every sequence a publisher acknowledged (printed after its commit)
 * before it was killed must have been delivered. Thread-safe.
 */
public final class CrashChecker
{
    private final boolean fromStart;
    private final Map<Long, Stream> streams = new HashMap<>();
    private long delivered;
    private long duplicated;
    private long reordered;
    private long corrupt;
    private String firstViolation;

    public CrashChecker(final boolean fromStart)
    {
        this.fromStart = fromStart;
    }

    private static final class Stream
    {
        final BitSet seen = new BitSet();
        long first = -1;
        long last = -1;
        long acknowledged = -1;
        long gaps;
    }

    private static long key(final int publisher, final int incarnation)
    {
        return (long)publisher << 32 | (incarnation & 0xFFFF_FFFFL);
    }

    public synchronized void onCorrupt(final String what)
    {
        corrupt++;
        violation("corrupt message: " + what);
    }

    public synchronized void onMessage(final int publisher, final int incarnation, final long sequence)
    {
        delivered++;
        final Stream stream = streams.computeIfAbsent(key(publisher, incarnation), k -> new Stream());
        final String name = "publisher=" + publisher + " incarnation=" + incarnation + " sequence=" + sequence;
        if (sequence < 0 || sequence > Integer.MAX_VALUE)
        {
            corrupt++;
            violation("sequence out of range: " + name);
            return;
        }
        if (stream.last < 0)
        {
            stream.first = fromStart ? 0 : sequence;
            stream.last = stream.first - 1;
        }
        if (sequence < stream.first)
        {
            reordered++;
            violation("before the stream's first message " + stream.first + ": " + name);
            return;
        }
        final int bit = (int)(sequence - stream.first);
        if (stream.seen.get(bit))
        {
            duplicated++;
            violation("duplicate: " + name);
            return;
        }
        stream.seen.set(bit);
        if (sequence == stream.last + 1)
        {
            stream.last = sequence;
        }
        else if (sequence > stream.last)
        {
            stream.gaps += sequence - stream.last - 1;
            violation("gap: expected " + (stream.last + 1) + " got " + name);
            stream.last = sequence;
        }
        else
        {
            stream.gaps--;
            reordered++;
            violation("reordered: " + name + " after " + stream.last);
        }
    }

    /**
     * Records that the publisher had committed every sequence up to this one when it was killed or stopped.
     */
    public synchronized void acknowledged(final int publisher, final int incarnation, final long sequence)
    {
        final Stream stream = streams.computeIfAbsent(key(publisher, incarnation), k -> new Stream());
        stream.acknowledged = Math.max(stream.acknowledged, sequence);
    }

    /**
     * @return true when every acknowledged sequence has been delivered (or skipped, which {@link #lost()} counts).
     */
    public synchronized boolean hasCaughtUp()
    {
        for (final Stream stream : streams.values())
        {
            if (stream.acknowledged > stream.last)
            {
                return false;
            }
        }
        return true;
    }

    public synchronized long delivered()
    {
        return delivered;
    }

    /**
     * @return gaps inside streams plus acknowledged sequences past the last one delivered.
     */
    public synchronized long lost()
    {
        long lost = 0;
        for (final Stream stream : streams.values())
        {
            lost += stream.gaps;
            if (stream.acknowledged > stream.last)
            {
                lost += stream.acknowledged - stream.last;
            }
        }
        return lost;
    }

    public synchronized long duplicated()
    {
        return duplicated;
    }

    public synchronized long reordered()
    {
        return reordered;
    }

    public synchronized long corrupt()
    {
        return corrupt;
    }

    public synchronized int streams()
    {
        return streams.size();
    }

    public synchronized boolean isClean()
    {
        return lost() == 0 && duplicated == 0 && reordered == 0 && corrupt == 0;
    }

    private void violation(final String what)
    {
        if (null == firstViolation)
        {
            firstViolation = what;
        }
    }

    public synchronized String report()
    {
        final StringBuilder report = new StringBuilder()
            .append("streams=").append(streams.size())
            .append(" delivered=").append(delivered)
            .append(" lost=").append(lost())
            .append(" duplicated=").append(duplicated)
            .append(" reordered=").append(reordered)
            .append(" corrupt=").append(corrupt);
        if (null != firstViolation)
        {
            report.append(" first violation: ").append(firstViolation);
        }
        if (!hasCaughtUp())
        {
            final Map<String, String> behind = new TreeMap<>();
            for (final Map.Entry<Long, Stream> entry : streams.entrySet())
            {
                final Stream stream = entry.getValue();
                if (stream.acknowledged > stream.last)
                {
                    behind.put((entry.getKey() >>> 32) + "/" + (int)(long)entry.getKey(),
                        "acknowledged=" + stream.acknowledged + " delivered up to " + stream.last);
                }
            }
            report.append(" behind: ").append(behind);
        }
        return report.toString();
    }
}
