package io.ringline.examples.trading;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * What the strategy counts and measures: ticks read (a gap in their sequence counts as lost), orders sent, acks
 * received, orders lost, and tick-to-trade, from when a tick was due to when the acknowledgement of its order
 * arrives, in an HdrHistogram corrected for coordinated omission at the order rate (a stall of the feed, the strategy
 * or the gateway counts against every order it delayed).
 */
public final class TickToTrade
{
    private final long orderIntervalNs;
    private final long warmupTicks;
    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private long ticks;
    private long orders;
    private long acks;
    private long lost;
    private long nextSequence;
    private boolean ended;

    /**
     * @param ticksPerSecond the feed's rate: the order rate is one in {@link Strategy#ORDER_EVERY} of it.
     * @param warmupTicks    the first ticks, whose orders are counted but not measured (0: the demo measures all).
     */
    public TickToTrade(final long ticksPerSecond, final long warmupTicks)
    {
        this.orderIntervalNs = TimeUnit.SECONDS.toNanos(1) / ticksPerSecond * Strategy.ORDER_EVERY;
        this.warmupTicks = warmupTicks;
    }

    /**
     * Counts a tick and decides: one order per {@link Strategy#ORDER_EVERY} ticks (the decision of a real strategy,
     * kept trivial).
     *
     * @param sequence the tick's sequence, or {@link Tick#END}.
     * @return true if the strategy sends an order on this tick ({@link #onOrder()} counts it).
     */
    public boolean onTick(final long sequence)
    {
        if (sequence == Tick.END)
        {
            ended = true;
            return false;
        }
        ticks++;
        lost += sequence - nextSequence; // a gap in the sequence: ticks lost
        nextSequence = sequence + 1;
        return sequence % Strategy.ORDER_EVERY == 0;
    }

    /** Counts an order sent. */
    public void onOrder()
    {
        orders++;
    }

    /**
     * Counts an acknowledgement and records its tick-to-trade.
     *
     * @param ack    the acknowledgement's bytes: its order's, that is its tick's ({@link Tick}).
     * @param offset where they start.
     */
    public void onAck(final DirectBuffer ack, final int offset)
    {
        final long latencyNs = System.nanoTime() - ack.getLong(offset + Tick.INTENDED_NS_OFFSET);
        acks++;
        if (ack.getLong(offset + Tick.SEQUENCE_OFFSET) >= warmupTicks)
        {
            histogram.recordValueWithExpectedInterval(latencyNs, orderIntervalNs);
        }
    }

    /** Counts an order or a tick lost: never acknowledged, or never sent. */
    public void onLost()
    {
        lost++;
    }

    /**
     * @return true once the end tick has been read.
     */
    public boolean ended()
    {
        return ended;
    }

    /**
     * @return orders sent so far.
     */
    public long orders()
    {
        return orders;
    }

    /**
     * @return acknowledgements received so far.
     */
    public long acks()
    {
        return acks;
    }

    /**
     * @return ticks read so far (the end tick aside).
     */
    public long ticks()
    {
        return ticks;
    }

    /**
     * @return ticks and orders lost so far.
     */
    public long lost()
    {
        return lost;
    }

    /**
     * @return the tick-to-trade histogram, nanoseconds, coordinated omission corrected.
     */
    public Histogram histogram()
    {
        return histogram;
    }

    /**
     * @return the counts and percentiles as one JSON line, the demo's report.
     */
    public String toJson()
    {
        return "{\"ticks\":" + ticks + ",\"orders\":" + orders + ",\"acks\":" + acks + ",\"lost\":" + lost +
            ",\"tick_to_trade_p50_ns\":" + histogram.getValueAtPercentile(50) +
            ",\"tick_to_trade_p99_ns\":" + histogram.getValueAtPercentile(99) +
            ",\"tick_to_trade_p999_ns\":" + histogram.getValueAtPercentile(99.9) +
            ",\"tick_to_trade_max_ns\":" + histogram.getMaxValue() + "}";
    }
}
