package io.ringline.perf.jmh;

import java.util.function.BooleanSupplier;

/**
 * Two endpoints of a two-thread round trip for {@link PingPongBenchmark}: the benchmark thread calls
 * {@link #roundTrip(long)}, a second thread runs {@link #echoUntil(BooleanSupplier)}. Both busy-spin. Each
 * implementation is configured as its authors' samples run it.
 */
abstract class PingPongPair
{
    private volatile Throwable echoFailure;

    /**
     * Records that the echo thread died, so that {@link #idle()} on the benchmark thread fails instead of waiting for an
     * echo that will never come.
     *
     * @param failure what the echo thread threw.
     */
    final void echoFailed(final Throwable failure)
    {
        echoFailure = failure;
    }

    /**
     * One step of a busy-spin wait, on either thread: throws once the echo thread has died.
     *
     * @throws IllegalStateException naming the echo thread's failure.
     */
    final void idle()
    {
        if (null != echoFailure)
        {
            throw new IllegalStateException("echo thread failed", echoFailure);
        }
        Thread.onSpinWait();
    }

    /**
     * @param peer ringline-shm, aeron-ipc, agrona-o2o or cache-line.
     * @return an unopened pair.
     */
    static PingPongPair create(final String peer)
    {
        switch (peer)
        {
            case "ringline-shm":
                return new RingPingPong();
            case "aeron-ipc":
                return new AeronPingPong();
            case "agrona-o2o":
                return new AgronaPingPong();
            case "cache-line":
                return new CacheLinePingPong();
            default:
                throw new IllegalArgumentException(
                    "peer=" + peer + " must be ringline-shm, aeron-ipc, agrona-o2o or cache-line");
        }
    }

    /**
     * @param size bytes per message, at least a {@code long}.
     * @throws Exception if the endpoints cannot be made.
     */
    abstract void open(int size) throws Exception;

    /**
     * Sends {@code sequence} and spins until its echo arrives.
     *
     * @param sequence to send.
     * @return the sequence echoed.
     */
    abstract long roundTrip(long sequence);

    /**
     * The same round trip's code in the calling thread alone, for {@link EchoPathBenchmark}: offers {@code sequence},
     * polls it off the ping channel with the echo handler (which offers it back), polls the echo.
     *
     * @param sequence to send.
     * @return the sequence echoed.
     * @throws UnsupportedOperationException for a pair that has no such path.
     */
    long roundTripInOneThread(final long sequence)
    {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no one-thread round trip");
    }

    /**
     * Echoes every message back until {@code running} turns false.
     *
     * @param running checked between polls that found nothing.
     */
    abstract void echoUntil(BooleanSupplier running);

    /**
     * Releases the endpoints.
     *
     * @throws Exception if they cannot be released.
     */
    abstract void close() throws Exception;

    static void checkSize(final int size)
    {
        if (size < Long.BYTES)
        {
            throw new IllegalArgumentException("size=" + size + " must be at least " + Long.BYTES);
        }
    }
}
