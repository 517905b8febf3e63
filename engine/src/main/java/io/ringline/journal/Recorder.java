package io.ringline.journal;

import io.ringline.Forwarder;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;

import java.util.function.BooleanSupplier;

/**
 * Records a live channel: every whole message a {@link Subscriber} of any transport delivers is offered, with its
 * type, to a {@link Publisher} (normally a {@code journal:} one), which fragments it again if it must. Back-pressure
 * and a full file system are retried, never dropped ({@link Publisher#STORAGE_FULL} until space is freed); the
 * recorder gives up only when the publisher is closed or {@code running} turns false while the publisher still
 * refuses. The caller owns both channels and the thread.
 *
 * <p>Recording into a journal, it also answers {@link ReplayMerge}'s join requests: after each message it tells a
 * merger waiting for the live position {@code P} the live and journal positions after the first message it recorded
 * that ends past {@code P} (one load per message while no merger waits).
 *
 * <pre>{@code
 * try (Ringline ringline = Ringline.connect();
 *     Subscriber live = ringline.addSubscriber("shm:orders");
 *     Publisher journal = ringline.addPublisher("journal:/var/lib/app/orders"))
 * {
 *     Recorder recorder = new Recorder(live, journal, () -> running);
 *     while (running) { recorder.record(16, TimeUnit.MILLISECONDS.toNanos(100)); }
 * }
 * }</pre>
 */
public final class Recorder implements MessageHandler
{
    private final Subscriber from;
    private final Forwarder forwarder;
    private final CursorTable joins;

    /**
     * @param from    the live channel.
     * @param to      where its messages go, usually a journal.
     * @param running false once the owner is stopping: a refused offer is then given up with an exception.
     */
    public Recorder(final Subscriber from, final Publisher to, final BooleanSupplier running)
    {
        this.from = from;
        this.forwarder = new Forwarder(to, running, Forwarder.StopPolicy.THROW);
        this.joins = to instanceof JournalPublisher ? ((JournalPublisher)to).journal().cursors : null;
    }

    /**
     * Records what is available now, without waiting.
     *
     * @param messageLimit most messages to record.
     * @return messages recorded.
     */
    public int doWork(final int messageLimit)
    {
        return from.poll(this, messageLimit);
    }

    /**
     * Records, waiting up to {@code timeoutNs} for a message as the subscriber's wait mode does.
     *
     * @param messageLimit most messages to record.
     * @param timeoutNs    longest wait for the first one.
     * @return messages recorded.
     */
    public int record(final int messageLimit, final long timeoutNs)
    {
        return from.receive(this, messageLimit, timeoutNs);
    }

    /**
     * @return messages recorded so far.
     */
    public long messages()
    {
        return forwarder.forwarded();
    }

    /**
     * @return offers refused and retried so far (back-pressure).
     */
    public long retries()
    {
        return forwarder.retries();
    }

    /** Forwards one message; for the subscriber, not for callers. */
    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long journalPosition = forwarder.forward(buffer, offset, length, header.type(), header.position());
        if (null != joins)
        {
            joins.answerJoins(header.position(), journalPosition);
        }
    }
}
