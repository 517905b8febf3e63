package io.ringline.examples.trading;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.reqrep.Client;
import io.ringline.reqrep.ReplyHandler;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * The strategy: reads every tick, sends an order on one tick in {@link #ORDER_EVERY} (the decision of a real
 * strategy, kept trivial), and measures tick-to-trade: from when the tick was due to when the gateway's
 * acknowledgement arrives, in an HdrHistogram corrected for coordinated omission at the order rate. Prints one JSON
 * line at the end. Arguments: {@code NAME TICKS_PER_S WAIT}.
 */
public final class Strategy
{
    /** One order per this many ticks. */
    static final int ORDER_EVERY = 10;
    private static final long ORDER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    private Strategy()
    {
    }

    /**
     * @param args name, rate.
     */
    public static void main(final String[] args)
    {
        final String name = args[0];
        final String wait = args[2];
        final long orderIntervalNs = TimeUnit.SECONDS.toNanos(1) / Long.parseLong(args[1]) * ORDER_EVERY;
        final Histogram tickToTrade = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final long[] counts = new long[5]; // ticks, orders, acks, lost, next expected sequence
        final boolean[] ended = {false};
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
                    counts[2]++;
                    final long latencyNs = System.nanoTime() - ack.getLong(offset + Tick.INTENDED_NS_OFFSET);
                    tickToTrade.recordValueWithExpectedInterval(latencyNs, orderIntervalNs);
                }

                @Override
                public void onTimeout(final long id)
                {
                    counts[3]++; // an order never acknowledged is lost
                }
            };
            final MessageHandler onTick = (tick, offset, length, header) ->
            {
                final long sequence = tick.getLong(offset + Tick.SEQUENCE_OFFSET);
                if (sequence == Tick.END)
                {
                    ended[0] = true;
                    return;
                }
                counts[0]++;
                counts[3] += sequence - counts[4]; // a gap in the sequence: ticks lost
                counts[4] = sequence + 1;
                if (sequence % ORDER_EVERY == 0)
                {
                    counts[1]++;
                    long id;
                    while ((id = gateway.offer(tick, offset, length, ORDER_TIMEOUT_NS)) < 0)
                    {
                        if (id == Publisher.NOT_CONNECTED || id == Publisher.CLOSED)
                        {
                            counts[3]++; // no gateway: the order is lost
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
            while (!ended[0] || gateway.pendingCount() > 0)
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
            System.out.println("{\"ticks\":" + counts[0] + ",\"orders\":" + counts[1] + ",\"acks\":" + counts[2] +
                ",\"lost\":" + counts[3] +
                ",\"tick_to_trade_p50_ns\":" + tickToTrade.getValueAtPercentile(50) +
                ",\"tick_to_trade_p99_ns\":" + tickToTrade.getValueAtPercentile(99) +
                ",\"tick_to_trade_p999_ns\":" + tickToTrade.getValueAtPercentile(99.9) +
                ",\"tick_to_trade_max_ns\":" + tickToTrade.getMaxValue() + "}");
        }
    }
}
