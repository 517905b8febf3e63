package io.ringline.perf.trading;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * What the Aeron IPC trading pipeline's three processes share: its streams on {@code aeron:ipc}
 * ({@link io.ringline.perf.AeronIpc#CHANNEL}) and the idle strategy each process's wait mode names, as the Ringline
 * pipeline's {@code wait=} does.
 */
final class AeronTrading
{
    /** Feed to strategy. */
    static final int TICK_STREAM_ID = 2001;
    /** Strategy to gateway. */
    static final int ORDER_STREAM_ID = 2002;
    /** Gateway to strategy. */
    static final int ACK_STREAM_ID = 2003;

    private AeronTrading()
    {
    }

    /**
     * @param wait spin or yield.
     * @return Aeron's idle strategy of that name: {@code BusySpinIdleStrategy} or {@code YieldingIdleStrategy}.
     * @throws IllegalArgumentException for another mode.
     */
    static IdleStrategy idleStrategy(final String wait)
    {
        switch (wait)
        {
            case "spin":
                return new BusySpinIdleStrategy();
            case "yield":
                return new YieldingIdleStrategy();
            default:
                throw new IllegalArgumentException("wait=" + wait + " must be spin or yield for Aeron IPC");
        }
    }
}
