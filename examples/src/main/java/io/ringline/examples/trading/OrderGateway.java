package io.ringline.examples.trading;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.reqrep.RequestHandler;
import io.ringline.reqrep.Server;

import java.nio.file.Path;

/**
 * The order gateway: journals each order, then acknowledges it (request/response), echoing it, until it is stopped.
 * Journal first: an order the strategy saw acknowledged is always in the journal. Arguments: {@code NAME WAIT
 * JOURNAL_DIR}.
 */
public final class OrderGateway
{
    private OrderGateway()
    {
    }

    /**
     * @param args the run's name, the wait mode, the journal's directory.
     */
    public static void main(final String[] args)
    {
        try (Ringline ringline = Ringline.connect();
            Server server = ringline.addServer(Channels.orders(args[0], args[1]));
            Publisher journal = ringline.addPublisher(OrderJournal.uri(Path.of(args[2]))))
        {
            final RequestHandler acknowledge = (id, order, offset, length, reply) ->
            {
                long journaled;
                while ((journaled = journal.offer(order, offset, length)) < 0)
                {
                    if (journaled == Publisher.CLOSED || journaled == Publisher.STORAGE_FULL)
                    {
                        reply.discard(); // not journaled, not acknowledged: the strategy counts it lost
                        return;
                    }
                    Thread.yield(); // ADMIN_ACTION (a segment rolling): retry
                }
                while (reply.reply(order, offset, length) < 0 && reply.isActive())
                {
                    Thread.yield(); // back-pressured: the strategy takes its acks soon
                }
            };
            System.out.println("READY");
            while (!Thread.currentThread().isInterrupted())
            {
                server.receive(acknowledge, 16, Channels.IDLE_WAIT_NS); // waits as the channel's wait= says
            }
        }
    }
}
