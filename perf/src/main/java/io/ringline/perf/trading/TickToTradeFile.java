package io.ringline.perf.trading;

import io.ringline.examples.trading.TickToTrade;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;

/**
 * How a strategy child hands its {@link TickToTrade} to the harness: a file of four {@code long} counts (ticks,
 * orders, acks, lost) followed by the histogram in HdrHistogram's compressed encoding.
 *
 * @param ticks     ticks read.
 * @param orders    orders sent.
 * @param acks      acknowledgements received.
 * @param lost      ticks and orders lost.
 * @param histogram tick-to-trade, nanoseconds, coordinated omission corrected, warm-up excluded.
 */
public record TickToTradeFile(long ticks, long orders, long acks, long lost, Histogram histogram)
{
    private static final int COUNTS_BYTES = 4 * Long.BYTES;

    /**
     * @param tickToTrade what a strategy measured.
     * @param file        written.
     * @throws IOException if it cannot be written.
     */
    public static void write(final TickToTrade tickToTrade, final Path file) throws IOException
    {
        final Histogram histogram = tickToTrade.histogram();
        final ByteBuffer bytes = ByteBuffer.allocate(COUNTS_BYTES + histogram.getNeededByteBufferCapacity());
        bytes.putLong(tickToTrade.ticks()).putLong(tickToTrade.orders()).putLong(tickToTrade.acks())
            .putLong(tickToTrade.lost());
        histogram.encodeIntoCompressedByteBuffer(bytes);
        Files.write(file, java.util.Arrays.copyOf(bytes.array(), bytes.position()));
    }

    /**
     * @param file written by {@link #write(TickToTrade, Path)}.
     * @return its counts and histogram.
     * @throws IOException if it cannot be read or decoded.
     */
    public static TickToTradeFile read(final Path file) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        try
        {
            return new TickToTradeFile(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong(),
                Histogram.decodeFromCompressedByteBuffer(bytes, 0));
        }
        catch (final DataFormatException | RuntimeException ex)
        {
            throw new IOException("tick-to-trade file cannot be decoded: path=" + file + ", bytes=" + bytes.limit(), ex);
        }
    }

    /**
     * Checks the run lost nothing: every tick read, one order per {@code orderEvery} ticks, each acknowledged.
     *
     * @param expectedTicks the feed's tick count.
     * @param orderEvery    ticks per order.
     * @return this.
     * @throws IllegalStateException naming the counts if not.
     */
    public TickToTradeFile checkComplete(final long expectedTicks, final int orderEvery)
    {
        final long expectedOrders = (expectedTicks + orderEvery - 1) / orderEvery;
        if (lost != 0 || ticks != expectedTicks || orders != expectedOrders || acks != orders)
        {
            throw new IllegalStateException("trading run incomplete: ticks=" + ticks + " (expected " + expectedTicks +
                "), orders=" + orders + " (expected " + expectedOrders + "), acks=" + acks + ", lost=" + lost);
        }
        return this;
    }
}
