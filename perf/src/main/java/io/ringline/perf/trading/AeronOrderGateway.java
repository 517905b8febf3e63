package io.ringline.perf.trading;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.examples.trading.OrderGateway;
import io.ringline.examples.trading.OrderJournal;
import io.ringline.perf.AeronIpc;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;

/**
 * {@link OrderGateway} on Aeron IPC: journals each order in the same Ringline journal ({@link OrderJournal}, the
 * journal is not the transport measured), then acknowledges it on an exclusive publication, echoing it, until it is
 * stopped. Arguments: {@code AERON_DIR WAIT JOURNAL_DIR}.
 */
public final class AeronOrderGateway
{
    private AeronOrderGateway()
    {
    }

    /**
     * @param args the Aeron directory, the wait mode (spin or yield), the journal's directory.
     */
    public static void main(final String[] args)
    {
        final IdleStrategy idle = AeronTrading.idleStrategy(args[1]);
        try (Ringline ringline = Ringline.connect();
            Publisher journal = ringline.addPublisher(OrderJournal.uri(Path.of(args[2])));
            Aeron aeron = AeronIpc.connect(Path.of(args[0]));
            Subscription orders = aeron.addSubscription(AeronIpc.CHANNEL, AeronTrading.ORDER_STREAM_ID);
            ExclusivePublication acks = aeron.addExclusivePublication(AeronIpc.CHANNEL, AeronTrading.ACK_STREAM_ID))
        {
            final FragmentHandler acknowledge = (order, offset, length, header) ->
            {
                long journaled;
                while ((journaled = journal.offer(order, offset, length)) < 0)
                {
                    if (journaled == Publisher.CLOSED || journaled == Publisher.STORAGE_FULL)
                    {
                        return; // not journaled, not acknowledged: the strategy counts it lost
                    }
                    Thread.yield();
                }
                while (!AeronIpc.offer(acks, order, offset, length))
                {
                    Thread.yield(); // back-pressured: the strategy takes its acks soon
                }
            };
            while (!Thread.currentThread().isInterrupted())
            {
                idle.idle(orders.poll(acknowledge, AeronIpc.FRAGMENT_COUNT_LIMIT));
            }
        }
    }
}
