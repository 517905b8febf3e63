package io.ringline.examples.trading;

/**
 * A tick's bytes: {@code long sequence} (-1 ends the feed), {@code long intendedNs} (when the fixed rate says it is
 * due, {@code System.nanoTime()}: CLOCK_MONOTONIC, the same clock in every process of the machine), and
 * {@code long priceTicks}.
 */
final class Tick
{
    static final int SEQUENCE_OFFSET = 0;
    static final int INTENDED_NS_OFFSET = 8;
    static final int PRICE_OFFSET = 16;
    static final int LENGTH = 24;
    static final long END = -1;

    private Tick()
    {
    }
}
