package io.ringline;

import org.agrona.ErrorHandler;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The default {@link ErrorHandler} of {@link Ringline.Context}: errors of the conductor's duties (liveness checks,
 * unblocking, reconnects) and of closing, which have no caller to throw to. Each distinct error (its class and
 * message, which names the channel) is logged once to the stream, with its stack trace; repeats are counted and the
 * count is logged again at 10, 100, 1000... occurrences, so a failure that recurs on every duty cycle neither floods
 * the log nor goes unseen. The counts are also kept process-wide ({@link #totalErrors()}), so that a test suite can
 * fail on any error it did not expect.
 */
public final class DistinctErrorLog implements ErrorHandler
{
    private static final LongAdder TOTAL = new LongAdder();

    private final PrintStream out;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /**
     * Logs to {@code System.err}.
     */
    public DistinctErrorLog()
    {
        this(System.err);
    }

    /**
     * @param out where errors are logged.
     */
    public DistinctErrorLog(final PrintStream out)
    {
        this.out = out;
    }

    @Override
    public void onError(final Throwable error)
    {
        TOTAL.increment();
        final String key = error.getClass().getName() + ": " + error.getMessage();
        final long count = counts.computeIfAbsent(key, ignored -> new AtomicLong()).incrementAndGet();
        if (count == 1)
        {
            synchronized (out)
            {
                out.println("ringline: error (first of its kind; repeats are counted): " + key);
                error.printStackTrace(out);
            }
        }
        else if (isPowerOfTen(count))
        {
            out.println("ringline: error seen " + count + " times: " + key);
        }
    }

    /**
     * @param error an error's class and message, as logged.
     * @return how many times it was seen by this log.
     */
    public long count(final String error)
    {
        final AtomicLong count = counts.get(error);
        return null == count ? 0 : count.get();
    }

    /**
     * @return errors seen by every {@code DistinctErrorLog} of this process since it started.
     */
    public static long totalErrors()
    {
        return TOTAL.sum();
    }

    private static boolean isPowerOfTen(final long count)
    {
        long power = 10;
        while (power < count && power <= Long.MAX_VALUE / 10)
        {
            power *= 10;
        }
        return power == count;
    }
}
