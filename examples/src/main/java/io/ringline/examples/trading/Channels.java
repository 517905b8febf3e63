package io.ringline.examples.trading;

/**
 * The channels of one run of the trading application, all derived from one name: ticks from the feed to the
 * strategy, and orders from the strategy to the gateway (request/response; the acknowledgements come back on the
 * strategy's own reply channel, which the engine derives from the order channel).
 */
final class Channels
{
    private Channels()
    {
    }

    /**
     * @param name the run's name, e.g. {@code trading-1234}.
     * @return the tick channel.
     */
    static String ticks(final String name)
    {
        return "shm:" + name + "-ticks?capacity=1m";
    }

    /**
     * @param name the run's name.
     * @return the order channel.
     */
    static String orders(final String name)
    {
        return "shm:" + name + "-orders?capacity=1m";
    }
}
