package io.ringline.journal;

import io.ringline.MessageHandler;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.ring.RecordDecoder;
import io.ringline.ring.Unblocker;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

import static io.ringline.ring.RecordDescriptor.TAG_OFFSET;
import static io.ringline.ring.RecordDescriptor.tag;

/**
 * Reads a journal from its cursor: decodes records with the ring's {@link RecordDecoder} over the journal's
 * segments, following the writers into each new segment, and stores its position in its cursor with release at the
 * end of every poll that moved it.
 *
 * <p><b>Delivery.</b> The position is stored after the handler returns, once per poll, so a subscriber killed during a
 * poll re-delivers, when restarted on the same named cursor, the messages of that poll it had already handed out: at
 * least once, with duplicates at most the last poll's messages (a message limit of 1 makes that at most one). Exactly
 * once needs the application to keep {@code Header.position()} with its own effects and start from it
 * ({@code from=POSITION}).
 *
 * <p><b>Waiting.</b> {@code wait=spin|yield|backoff} poll with that idle strategy; {@code wait=futex} sleeps on the
 * journal's {@link io.ringline.sync.EventCount}, which publishers signal after a commit only when its waiter count is
 * non-zero. A subscriber reads the event's sequence before it polls and sleeps on it only when the tail shows nothing
 * claimed past its position, so a signal after its read always wakes it; the one race left (a publisher's commit and
 * waiter-count read falling between the subscriber's tail read and its waiter increment) costs at most one sleep
 * slice, {@link #SLEEP_SLICE_NS}, after which it polls again.
 */
final class JournalSubscriber implements Subscriber
{
    /** Longest single sleep of {@code wait=futex}: the bound on a wake-up lost to the race described above. */
    static final long SLEEP_SLICE_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final JournalTransportProvider provider;
    private final Journal journal;
    private final String uri;
    private final AtomicBuffer meta;
    private final int positionOffset;
    private final long activeWord;
    private final boolean named;
    private final RecordDecoder decoder;
    private final IdleStrategy idleStrategy;
    private final boolean sleeps;
    private final long unblockTimeoutNs;
    private final Unblocker unblocker = new Unblocker();
    private volatile boolean closed;

    JournalSubscriber(
        final JournalTransportProvider provider, final Journal journal, final String uri, final JournalParams params)
    {
        this.provider = provider;
        this.journal = journal;
        this.uri = uri;
        this.meta = journal.meta;
        this.named = null != params.cursorName;
        final int cursor = journal.cursors.claim(params.cursorName, startPosition(journal, params, uri));
        this.positionOffset = cursor + CursorDescriptor.POSITION_OFFSET;
        this.activeWord = meta.getLongVolatile(cursor + CursorDescriptor.STATE_OFFSET);

        // Retention moves the first segment before it deletes one: read after taking the cursor, which it honours.
        long position = meta.getLongVolatile(positionOffset);
        final long first = journal.firstSegment() << journal.segmentShift;
        if (position < first)
        {
            position = first;
            meta.putLongVolatile(positionOffset, position);
        }
        this.decoder = RecordDecoder.overSegments(uri, journal.segmentSize, journal.salt, journal.maxMsgLength,
            journal.maxFragmentedLength, params.types, position, this::segmentAt);
        this.sleeps = "futex".equals(params.wait);
        this.idleStrategy = "spin".equals(params.wait) ? new BusySpinIdleStrategy() :
            "yield".equals(params.wait) ? new YieldingIdleStrategy() : new BackoffIdleStrategy();
        this.unblockTimeoutNs = TimeUnit.MILLISECONDS.toNanos(params.unblockTimeoutMs);
    }

    private static long startPosition(final Journal journal, final JournalParams params, final String uri)
    {
        final long first = journal.firstSegment() << journal.segmentShift;
        final long tail = journal.tailVolatile();
        if (params.fromTimeNs >= 0)
        {
            return TimeIndex.positionAt(journal, params.fromTimeNs, uri);
        }
        if (params.from == JournalParams.FROM_START)
        {
            return first;
        }
        if (params.from == JournalParams.FROM_END)
        {
            return tail;
        }
        if (params.from < first || params.from > tail)
        {
            throw new RinglineException("channel URI '" + uri + "' from=" + params.from + " is outside the journal's " +
                "positions [" + first + ", " + tail + "]");
        }
        return params.from;
    }

    /**
     * The decoder's way to the next segment: null while nothing is claimed in it (no system call while waiting at a
     * segment's end), else the segment, mapped on first use.
     */
    private UnsafeBuffer segmentAt(final long basePosition)
    {
        if (journal.tailVolatile() <= basePosition)
        {
            return null;
        }
        final long index = journal.segmentIndex(basePosition);
        final Segment next = journal.segment(index, false);
        if (null == next)
        {
            throw new IllegalStateException("journal=" + uri + " segment=" + index + " holding position=" +
                basePosition + " is missing (deleted by hand?)");
        }
        return next.records;
    }

    @Override
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        if (closed)
        {
            throw new IllegalStateException("subscriber is closed, channel=" + uri);
        }
        final long start = decoder.position();
        try
        {
            return decoder.poll(handler, messageLimit);
        }
        finally
        {
            final long position = decoder.position();
            if (position != start)
            {
                meta.putLongRelease(positionOffset, position);
            }
        }
    }

    @Override
    public int receive(final MessageHandler handler, final int messageLimit)
    {
        return receive(handler, messageLimit, Long.MAX_VALUE);
    }

    @Override
    public int receive(final MessageHandler handler, final int messageLimit, final long timeoutNs)
    {
        if (!sleeps)
        {
            return receive(handler, messageLimit, idleStrategy, timeoutNs);
        }
        final long startNs = System.nanoTime();
        while (!closed)
        {
            final int sequence = journal.wakeup.sequence();
            final int received = poll(handler, messageLimit);
            if (received > 0)
            {
                return received;
            }
            final long elapsedNs = System.nanoTime() - startNs;
            if (elapsedNs >= timeoutNs)
            {
                return 0;
            }
            if (journal.tailVolatile() != decoder.position())
            {
                Thread.yield(); // claimed but not yet committed: the publisher is writing it
                continue;
            }
            journal.wakeup.await(sequence, Math.min(SLEEP_SLICE_NS, timeoutNs - elapsedNs), TimeUnit.NANOSECONDS);
        }
        return 0;
    }

    /**
     * Conductor duty: skips a record whose publisher died between claim and commit, once this subscriber has been
     * stuck on it for the unblock timeout ({@link Unblocker}'s rule, on the journal's publisher slots).
     *
     * @return 1 when it skipped one.
     */
    int unblockIfStuck(final long nowNs)
    {
        if (closed)
        {
            return 0;
        }
        final long position = decoder.position();
        final int index = (int)position & journal.mask;
        Segment stuckIn = null;
        if (journal.tailVolatile() > position)
        {
            stuckIn = journal.segment(journal.segmentIndex(position), false);
        }
        final boolean stuck = null != stuckIn &&
            stuckIn.records.getLongVolatile(index + TAG_OFFSET) != tag(position, journal.salt);
        if (unblocker.isStuckFor(stuck, position, nowNs, unblockTimeoutNs) &&
            Unblocker.padDeadClaim(meta, JournalDescriptor.PUBLISHER_SLOTS_OFFSET, journal.publisherSlots,
                stuckIn.records, index, position, journal.salt, journal.segmentSize - index))
        {
            JournalDescriptor.increment(meta, JournalDescriptor.UNBLOCKS_OFFSET);
            return 1;
        }
        return 0;
    }

    /**
     * @return the position this subscriber reads from, for unmapping what is behind it.
     */
    long lowestPosition()
    {
        return decoder.position();
    }

    Journal journal()
    {
        return journal;
    }

    @Override
    public String channel()
    {
        return uri;
    }

    @Override
    public long position()
    {
        return decoder.position();
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            if (sleeps)
            {
                journal.wakeup.signal(); // so that this subscriber's own receive returns
            }
            journal.cursors.release(positionOffset - CursorDescriptor.POSITION_OFFSET, activeWord, named);
            provider.release(this, journal);
        }
    }

    @Override
    public String toString()
    {
        return "JournalSubscriber{channel=" + uri + ", position=" + decoder.position() + "}";
    }
}
