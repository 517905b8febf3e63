package io.ringline.journal;

import io.ringline.MessageHandler;
import io.ringline.RinglineException;
import io.ringline.ring.RecordDecoder;
import io.ringline.ring.Unblocker;
import io.ringline.ring.WaitMode;
import io.ringline.ring.Wakeup;
import io.ringline.spi.TransportSubscriber;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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
 * <p><b>Waiting.</b> {@code wait=spin|yield|backoff} poll with that idle strategy; {@code wait=futex|posixsem|sysvsem}
 * sleep in the journal's {@link Wakeup.Sleeper}, the ring's handshake over the journal's words: publishers read the
 * sleeper count once after a commit and signal only when it is not zero, and the sleeper counts itself before it
 * reads the tail, so no wake-up is lost.
 */
final class JournalSubscriber extends TransportSubscriber
{
    private final JournalTransportProvider provider;
    private final Journal journal;
    private final AtomicBuffer meta;
    private final int positionOffset;
    private final long activeWord;
    private final boolean named;
    private final RecordDecoder decoder;
    private final IdleStrategy idleStrategy;
    private final WaitMode waitMode;
    private final Wakeup.Sleeper sleeper;
    private final BooleanSupplier isClosed = this::isClosed;
    private final long unblockTimeoutNs;
    private final Unblocker unblocker = new Unblocker();
    private long touchedPosition; // the conductor's, for prepareAhead

    JournalSubscriber(
        final JournalTransportProvider provider, final Journal journal, final String uri, final JournalParams params)
    {
        super(uri);
        this.provider = provider;
        this.journal = journal;
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
        this.sleeper = params.wait.isBlocking() ? journal.wakeup.sleeper(params.wait) : null;
        this.waitMode = params.wait;
        this.idleStrategy = params.wait.newIdleStrategy();
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
        final long tail = journal.tailVolatile();
        if (tail <= basePosition)
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
        return next.recordsToRead(tail);
    }

    @Override
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        checkOpen();
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
    protected int pollBeforeWaiting(final MessageHandler handler, final int messageLimit)
    {
        if (null == sleeper)
        {
            idleStrategy.reset();
        }
        return poll(handler, messageLimit);
    }

    /**
     * @return {@link WaitMode#awaitsPerClockRead()} of this subscriber's mode.
     */
    @Override
    protected int awaitsPerClockRead()
    {
        return waitMode.awaitsPerClockRead();
    }

    @Override
    protected int await(final MessageHandler handler, final int messageLimit, final long deadlineNs)
    {
        Wakeup.idleOrSleep(sleeper, idleStrategy, decoder.position(), deadlineNs, isClosed);
        return closed ? 0 : poll(handler, messageLimit);
    }

    /**
     * The conductor's safety net for sleepers: a publisher that died between committing a record and waking the
     * sleepers would otherwise leave this subscriber asleep over a message. Wakes it if so.
     *
     * @return 1 when it woke the subscriber.
     */
    int wakeIfSleepingOverAMessage()
    {
        final long position = decoder.position();
        if (null == sleeper || !sleeper.isAsleep() || closed || journal.tailVolatile() == position)
        {
            return 0;
        }
        final Segment segment = journal.mapped(journal.segmentIndex(position));
        if (null != segment &&
            segment.records.getLongVolatile(((int)position & journal.mask) + TAG_OFFSET) == tag(position, journal.salt))
        {
            sleeper.wakeAll();
            return 1;
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
     * Conductor duty: touches the pages ahead of this subscriber ({@link Journal#touchAheadOfReader}).
     *
     * @return 1 when it touched some.
     */
    int prepareAhead()
    {
        if (closed)
        {
            return 0;
        }
        final long touched = journal.touchAheadOfReader(decoder.position(), touchedPosition);
        if (touched == touchedPosition)
        {
            return 0;
        }
        touchedPosition = touched;
        return 1;
    }

    /**
     * {@link ReplayMerge}: asks the journal's recorder where {@code livePosition} of the live channel falls.
     *
     * @param livePosition where the merger's live subscriber joined.
     */
    void requestJoin(final long livePosition)
    {
        journal.cursors.requestJoin(positionOffset - CursorDescriptor.POSITION_OFFSET, livePosition);
    }

    /**
     * @return the recorder's answer, the live channel's position after the message at the join, or 0 until given.
     */
    long joinSourcePosition()
    {
        return meta.getLongAcquire(positionOffset - CursorDescriptor.POSITION_OFFSET +
            CursorDescriptor.JOIN_SOURCE_POSITION_OFFSET);
    }

    /**
     * @return the journal's position after that message; valid once {@link #joinSourcePosition()} is not 0.
     */
    long joinJournalPosition()
    {
        return meta.getLong(positionOffset - CursorDescriptor.POSITION_OFFSET +
            CursorDescriptor.JOIN_JOURNAL_POSITION_OFFSET);
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
    public long position()
    {
        return decoder.position();
    }

    @Override
    protected void onClose()
    {
        if (null != sleeper)
        {
            sleeper.wakeAll(); // so that this subscriber's own receive returns
        }
        journal.cursors.withdrawJoin(positionOffset - CursorDescriptor.POSITION_OFFSET);
        journal.cursors.release(positionOffset - CursorDescriptor.POSITION_OFFSET, activeWord, named);
        provider.release(this, journal);
    }

    @Override
    public String toString()
    {
        return "JournalSubscriber{channel=" + uri + ", position=" + decoder.position() + "}";
    }
}
