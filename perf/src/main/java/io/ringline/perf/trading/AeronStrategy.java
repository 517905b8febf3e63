package io.ringline.perf.trading;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.ringline.examples.trading.Strategy;
import io.ringline.examples.trading.Tick;
import io.ringline.examples.trading.TickToTrade;
import io.ringline.perf.AeronIpc;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@link Strategy} on Aeron IPC: the same decision and measurement ({@link TickToTrade}), the order the tick's bytes
 * offered on an exclusive publication, the acknowledgements (in order, one per order) read from their own stream. An
 * order not acknowledged within {@link #ORDER_TIMEOUT_NS} of the end tick is lost, as the example's deadline counts
 * it. Arguments: {@code AERON_DIR TICKS_PER_S WAIT WARMUP_TICKS REPORT_FILE} ({@link TickToTradeFile}).
 */
public final class AeronStrategy
{
    private static final long ORDER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    private AeronStrategy()
    {
    }

    /**
     * @param args the Aeron directory, rate, wait mode (spin or yield), ticks not measured, where the report goes.
     * @throws IOException if the report cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        final TickToTrade tickToTrade = new TickToTrade(Long.parseLong(args[1]), Long.parseLong(args[3]));
        final IdleStrategy idle = AeronTrading.idleStrategy(args[2]);
        try (Aeron aeron = AeronIpc.connect(Path.of(args[0]));
            Subscription ticks = aeron.addSubscription(AeronIpc.CHANNEL, AeronTrading.TICK_STREAM_ID);
            ExclusivePublication orders =
                aeron.addExclusivePublication(AeronIpc.CHANNEL, AeronTrading.ORDER_STREAM_ID);
            Subscription acks = aeron.addSubscription(AeronIpc.CHANNEL, AeronTrading.ACK_STREAM_ID))
        {
            final long[] lastAck = {Long.MIN_VALUE};
            final FragmentHandler onAck = (ack, offset, length, header) ->
            {
                final long sequence = ack.getLong(offset + Tick.SEQUENCE_OFFSET);
                if (sequence <= lastAck[0])
                {
                    throw new IllegalStateException("ack out of order: sequence=" + sequence + ", last=" + lastAck[0]);
                }
                lastAck[0] = sequence;
                tickToTrade.onAck(ack, offset);
            };
            final FragmentHandler onTick = (tick, offset, length, header) ->
            {
                if (tickToTrade.onTick(tick.getLong(offset + Tick.SEQUENCE_OFFSET)))
                {
                    tickToTrade.onOrder();
                    while (!AeronIpc.offer(orders, tick, offset, length))
                    {
                        acks.poll(onAck, AeronIpc.FRAGMENT_COUNT_LIMIT); // back-pressured: take acks, retry
                    }
                }
            };
            while (!orders.isConnected() || !acks.isConnected())
            {
                Thread.yield(); // the gateway subscribes and publishes
            }
            long endedNs = 0;
            while (!tickToTrade.ended() || tickToTrade.acks() < tickToTrade.orders())
            {
                final int work = ticks.poll(onTick, AeronIpc.FRAGMENT_COUNT_LIMIT) +
                    acks.poll(onAck, AeronIpc.FRAGMENT_COUNT_LIMIT);
                idle.idle(work);
                if (tickToTrade.ended())
                {
                    endedNs = 0 == endedNs ? System.nanoTime() : endedNs;
                    if (System.nanoTime() - endedNs > ORDER_TIMEOUT_NS)
                    {
                        for (long i = tickToTrade.acks(); i < tickToTrade.orders(); i++)
                        {
                            tickToTrade.onLost(); // never acknowledged
                        }
                        break;
                    }
                }
            }
        }
        TickToTradeFile.write(tickToTrade, Path.of(args[4]));
    }
}
