package io.ringline.examples.trading;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The channels of one run of the trading application, all derived from one name and one wait mode: ticks from the
 * feed to the strategy, and orders from the strategy to the gateway (request/response; the acknowledgements come back
 * on the strategy's own reply channel, which the engine derives from the order channel, wait mode included).
 */
final class Channels
{
    /** The wait modes the demo offers: busy-spin, yield (the default: a shared machine), sleep on a futex. */
    static final List<String> WAIT_MODES = List.of("spin", "yield", "futex");
    /** The longest single wait of an idle process, after which it looks at its other duties (and its deadlines). */
    static final long IDLE_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private Channels()
    {
    }

    /**
     * @param name the run's name, e.g. {@code trading-1234}.
     * @param wait how a subscriber waits: one of {@link #WAIT_MODES}.
     * @return the tick channel.
     */
    static String ticks(final String name, final String wait)
    {
        return "shm:" + name + "-ticks?capacity=1m&wait=" + wait;
    }

    /**
     * @param name the run's name.
     * @param wait how a subscriber waits: one of {@link #WAIT_MODES} (the reply channels inherit it).
     * @return the order channel.
     */
    static String orders(final String name, final String wait)
    {
        return "shm:" + name + "-orders?capacity=1m&wait=" + wait;
    }
}
