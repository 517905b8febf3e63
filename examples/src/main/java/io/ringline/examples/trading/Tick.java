package io.ringline.examples.trading;

/**
 * A tick's bytes: {@code long sequence} (-1 ends the feed), {@code long intendedNs} (when the fixed rate says it is
 * due, {@code System.nanoTime()}: CLOCK_MONOTONIC, the same clock in every process of the machine), and
 * {@code long priceTicks}. An order is the bytes of the tick it answers, an acknowledgement the bytes of its order.
 */
public final class Tick
{
    /** Offset of the sequence, from 0; {@link #END} ends the feed. */
    public static final int SEQUENCE_OFFSET = 0;
    /** Offset of the time the tick was due, {@code System.nanoTime()}. */
    public static final int INTENDED_NS_OFFSET = 8;
    /** Offset of the price, in ticks. */
    public static final int PRICE_OFFSET = 16;
    /** Bytes of a tick. */
    public static final int LENGTH = 24;
    /** The sequence of the end tick. */
    public static final long END = -1;

    private Tick()
    {
    }
}
