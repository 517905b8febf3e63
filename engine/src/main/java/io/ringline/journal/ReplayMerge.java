package io.ringline.journal;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;

/**
 * A late consumer of a live channel that a {@link Recorder} records into a journal: replays the journal, then
 * switches to the live channel itself, with no gap and no duplicate at the join (Aeron Archive's ReplayMerge, which
 * Aeron offers for UDP only; this is for any channel a {@link Recorder} records, the IPC ring first).
 *
 * <pre>{@code
 * try (Ringline ringline = Ringline.connect();
 *     ReplayMerge orders = new ReplayMerge(ringline, "journal:/var/lib/app/orders?from=start", "shm:orders"))
 * {
 *     while (running) { orders.poll(handler, 64); }   // orders.isLive() once it reads shm:orders itself
 * }
 * }</pre>
 *
 * <p><b>The join.</b> The common key is the live channel's own position: the recorder's subscriber and the merger's
 * live subscriber see the same {@link Header#position()} for the same message. Once the replay has caught up with
 * the journal (a poll delivers fewer than its limit), the merger adds its live subscriber, which joins at the live
 * tail {@code P} and from then on keeps every later message for it, and asks the recorder, through its journal
 * cursor, where {@code P} falls. The recorder answers after the first message it records that ends past {@code P}:
 * that message's live position {@code S} and journal position {@code J} (both just after it). The merger replays the
 * journal up to {@code J}, dropping any later record (it ends past {@code S}, so the live subscriber has it), then
 * reads the live subscriber, dropping what ends at or before {@code S} (it was replayed). The recorder records in the
 * live order, so every message is delivered once, in order.
 *
 * <p><b>Limits.</b> Delivered headers carry journal positions until {@link #isLive()} and live positions after. The
 * journal must be written by the recorder of this live channel alone. The merge waits for the recorder: while none
 * runs, or while nothing is published on the live channel after {@code P}, it keeps replaying and does not switch.
 * A ring never laps a subscriber, so nothing is lost while the merger replays; instead its live subscriber holds the
 * ring's publishers back (they get {@code BACK_PRESSURED}) once a lap of the ring is unread, which is why it joins
 * only when the replay has caught up: the live subscriber then waits behind the replay by the recorder's lag only.
 * Not thread-safe, like a subscriber.
 */
public final class ReplayMerge implements AutoCloseable
{
    private final Ringline ringline;
    private final String liveUri;
    private final JournalSubscriber replay;
    private final MessageHandler replayUpToJoin = this::onReplayed;
    private final MessageHandler liveAfterJoin = this::onLive;
    private Subscriber live;
    private MessageHandler handler;
    private long joinSourcePosition;
    private long joinJournalPosition;
    private boolean joinRequested;
    private boolean closed;

    /**
     * @param ringline   where to add the subscribers; closing it closes them.
     * @param journalUri the recording, a {@code journal:} URI with the replay's start ({@code from=}, {@code name=}).
     * @param liveUri    the live channel the journal's {@link Recorder} records.
     */
    public ReplayMerge(final Ringline ringline, final String journalUri, final String liveUri)
    {
        this.ringline = ringline;
        this.liveUri = liveUri;
        final Subscriber subscriber = ringline.addSubscriber(journalUri);
        if (!(subscriber instanceof JournalSubscriber))
        {
            subscriber.close();
            throw new IllegalArgumentException("ReplayMerge replays a journal: channel=" + journalUri +
                " is not a journal: URI");
        }
        this.replay = (JournalSubscriber)subscriber;
    }

    /**
     * Delivers what is available: from the journal, then from the live channel.
     *
     * @param handler      called once per message.
     * @param messageLimit most messages to deliver.
     * @return messages delivered.
     */
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        if (closed)
        {
            throw new IllegalStateException("ReplayMerge is closed, live channel=" + liveUri);
        }
        this.handler = handler;
        if (null != live && replay.isClosed())
        {
            return live.poll(liveAfterJoin, messageLimit);
        }
        if (!joinRequested)
        {
            final int replayed = replay.poll(handler, messageLimit);
            if (replayed < messageLimit)
            {
                live = ringline.addSubscriber(liveUri); // joins at the live tail, keeping everything after it
                replay.requestJoin(live.position());
                joinRequested = true;
            }
            return replayed;
        }
        final int replayed = replay.poll(replayUpToJoin, messageLimit);
        if (joinSourcePosition == 0)
        {
            joinSourcePosition = replay.joinSourcePosition();
            joinJournalPosition = replay.joinJournalPosition();
        }
        if (joinSourcePosition != 0 && replay.position() >= joinJournalPosition)
        {
            replay.close(); // withdraws the request with the cursor
        }
        return replayed;
    }

    // A replayed message at or before the join goes to the handler; one after it is the live subscriber's.
    private void onReplayed(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (joinSourcePosition == 0)
        {
            joinSourcePosition = replay.joinSourcePosition(); // acquire: this record was committed after the answer
            joinJournalPosition = replay.joinJournalPosition();
        }
        if (joinSourcePosition == 0 || header.position() <= joinJournalPosition)
        {
            handler.onMessage(buffer, offset, length, header);
        }
    }

    private void onLive(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (header.position() > joinSourcePosition)
        {
            handler.onMessage(buffer, offset, length, header);
        }
    }

    /**
     * @return true once messages come from the live channel itself.
     */
    public boolean isLive()
    {
        return replay.isClosed() && null != live;
    }

    /**
     * @return the live channel's position after the message at the join, 0 until the recorder has answered.
     */
    public long joinSourcePosition()
    {
        return joinSourcePosition;
    }

    /**
     * Closes the replay and the live subscriber.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            replay.close();
            if (null != live)
            {
                live.close();
            }
        }
    }

    @Override
    public String toString()
    {
        return "ReplayMerge{journal=" + replay.channel() + ", live=" + liveUri + ", live now=" + isLive() +
            ", join source position=" + joinSourcePosition + "}";
    }
}
