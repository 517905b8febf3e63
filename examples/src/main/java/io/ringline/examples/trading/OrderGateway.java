package io.ringline.examples.trading;

import io.ringline.Ringline;
import io.ringline.reqrep.RequestHandler;
import io.ringline.reqrep.Server;

/**
 * The order gateway: acknowledges each order (request/response), echoing it, until it is stopped. Argument:
 * {@code NAME}.
 */
public final class OrderGateway
{
    private OrderGateway()
    {
    }

    /**
     * @param args the run's name.
     */
    public static void main(final String[] args)
    {
        try (Ringline ringline = Ringline.connect();
            Server server = ringline.addServer(Channels.orders(args[0])))
        {
            final long[] orders = {0};
            final RequestHandler acknowledge = (id, order, offset, length, reply) ->
            {
                orders[0]++;
                while (reply.reply(order, offset, length) < 0 && reply.isActive())
                {
                    Thread.yield(); // back-pressured: the strategy polls its acks soon
                }
            };
            System.out.println("READY");
            while (!Thread.currentThread().isInterrupted())
            {
                if (server.poll(acknowledge, 16) == 0)
                {
                    Thread.yield(); // idle (on a CPU of its own: spin)
                }
            }
        }
    }
}
