package io.ringline.perf.trading;

import io.ringline.examples.trading.Strategy;
import io.ringline.examples.trading.TickToTrade;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The example's strategy ({@link Strategy#run}) in a bench child, its measurements written for the harness
 * ({@link TickToTradeFile}). Arguments: {@code NAME TICKS_PER_S WAIT WARMUP_TICKS REPORT_FILE}.
 */
public final class RinglineTradingStrategy
{
    private RinglineTradingStrategy()
    {
    }

    /**
     * @param args name, rate, wait mode, ticks not measured, where the report goes.
     * @throws IOException if the report cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        final long rate = Long.parseLong(args[1]);
        final TickToTrade tickToTrade = new TickToTrade(rate, Long.parseLong(args[3]));
        Strategy.run(args[0], args[2], tickToTrade);
        TickToTradeFile.write(tickToTrade, Path.of(args[4]));
    }
}
