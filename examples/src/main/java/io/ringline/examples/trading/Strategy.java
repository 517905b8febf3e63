package io.ringline.examples.trading;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.reqrep.Client;
import io.ringline.reqrep.ReplyHandler;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * The strategy: reads every tick, sends an order on one tick in {@link #ORDER_EVERY} (the order is the tick's bytes),
 * and measures tick-to-trade ({@link TickToTrade}). Prints one JSON line at the end. Arguments:
 * {@code NAME TICKS_PER_S WAIT}.
 */
public final class Strategy
{
    /** One order per this many ticks. */
    public static final int ORDER_EVERY = 10;
    private static final long ORDER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    private Strategy()
    {
    }

    /**
     * @param args name, rate, wait mode.
     */
    public static void main(final String[] args)
    {
        final long ticksPerSecond = Long.parseLong(args[1]);
        final TickToTrade tickToTrade = new TickToTrade(ticksPerSecond, 0); // measures every order
        run(args[0], args[2], tickToTrade);
        System.out.println(tickToTrade.toJson());
    }

    /**
     * Runs the strategy until the feed's end tick has been read and every order acknowledged or timed out.
     *
     * @param name        the run's name.
     * @param wait        how this process waits on its channels: spin, yield or futex.
     * @param tickToTrade told of every tick, order and acknowledgement.
     */
    public static void run(final String name, final String wait, final TickToTrade tickToTrade)
    {
        try (Ringline ringline = Ringline.connect();
            Subscriber ticks = ringline.addSubscriber(Channels.ticks(name, wait));
            Client gateway = ringline.addClient(Channels.orders(name, wait)))
        {
            final ReplyHandler acks = new ReplyHandler()
            {
                @Override
                public void onReply(
                    final long id, final DirectBuffer ack, final int offset, final int length, final boolean last)
                {
                    tickToTrade.onAck(ack, offset);
                }

                @Override
                public void onTimeout(final long id)
                {
                    tickToTrade.onLost(); // an order never acknowledged is lost
                }
            };
            final MessageHandler onTick = (tick, offset, length, header) ->
            {
                if (tickToTrade.onTick(tick.getLong(offset + Tick.SEQUENCE_OFFSET)))
                {
                    tickToTrade.onOrder();
                    long id;
                    while ((id = gateway.offer(tick, offset, length, ORDER_TIMEOUT_NS)) < 0)
                    {
                        if (id == Publisher.NOT_CONNECTED || id == Publisher.CLOSED)
                        {
                            tickToTrade.onLost(); // no gateway: the order is lost
                            break;
                        }
                        gateway.poll(acks, 16); // back-pressured or too many pending: take acks, retry
                    }
                }
            };
            while (!gateway.isConnected())
            {
                Thread.yield();
            }
            System.out.println("READY");
            while (!tickToTrade.ended() || gateway.pendingCount() > 0)
            {
                int work = ticks.poll(onTick, 16);
                work += gateway.poll(acks, 16);
                if (work == 0)
                {
                    // idle: wait on the channel that has something coming, the way its wait= says (spin, yield or
                    // sleep on its futex), at most IDLE_WAIT_NS, then look at the other one again
                    if (gateway.pendingCount() > 0)
                    {
                        gateway.receive(acks, 16, Channels.IDLE_WAIT_NS);
                    }
                    else
                    {
                        ticks.receive(onTick, 16, Channels.IDLE_WAIT_NS);
                    }
                }
            }
        }
    }
}
