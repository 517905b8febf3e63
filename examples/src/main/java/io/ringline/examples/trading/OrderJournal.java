package io.ringline.examples.trading;

import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.collections.MutableLong;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * The gateway's journal of acknowledged orders: a {@code journal:DIR} channel (a directory of segment files that
 * outlives every process), each message one order's bytes as the strategy sent them ({@link Tick}'s layout, its
 * sequence the order's id). Reading it back is the way an audit or a restarted gateway would.
 */
public final class OrderJournal
{
    private OrderJournal()
    {
    }

    /**
     * @param dir the journal's directory.
     * @return its channel URI (small segments: a demo journals kilobytes).
     */
    public static String uri(final Path dir)
    {
        return "journal:" + dir.toAbsolutePath() + "?segment=1m";
    }

    /**
     * Reads every order in the journal, oldest first; call it once the gateway has stopped.
     *
     * @param dir     the journal's directory.
     * @param orderId told of each order's id (its tick's sequence).
     * @return how many orders the journal holds.
     */
    public static long read(final Path dir, final LongConsumer orderId)
    {
        final MutableLong count = new MutableLong();
        try (Ringline ringline = Ringline.connect();
            Subscriber journal = ringline.addSubscriber("journal:" + dir.toAbsolutePath() + "?from=start"))
        {
            while (journal.poll((order, offset, length, header) ->
            {
                count.increment();
                orderId.accept(order.getLong(offset + Tick.SEQUENCE_OFFSET));
            }, 256) > 0)
            {
                // until the tail: the gateway has stopped, nothing more comes
            }
        }
        return count.get();
    }
}
