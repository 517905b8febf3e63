package io.ringline.tools;

import java.util.concurrent.TimeUnit;

/**
 * The stop rules that {@code record} and {@code replay} share: run until SIGTERM/SIGINT ({@link StopSignal}),
 * {@code --seconds} or {@code --count} messages, and take at most the messages still missing from the count per batch.
 */
final class ForwardLoop
{
    private static final int BATCH = 64;
    private static final long SLICE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final StopSignal stop;
    private final long count;
    private final long deadlineNs;
    private final boolean timed;

    ForwardLoop(final StopSignal stop, final long seconds, final long count)
    {
        if (seconds < 0 || count < 0)
        {
            throw new IllegalArgumentException("--seconds and --count must be 0 (no limit) or more, seconds=" +
                seconds + " count=" + count);
        }
        this.stop = stop;
        this.count = count;
        this.timed = seconds > 0;
        this.deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    boolean goesOn(final long done)
    {
        return stop.isRunning() && (count == 0 || done < count) && (!timed || System.nanoTime() - deadlineNs < 0);
    }

    int batch(final long done)
    {
        return count == 0 ? BATCH : (int)Math.min(BATCH, count - done);
    }

    long waitNs()
    {
        return timed ? Math.max(0, Math.min(SLICE_NS, deadlineNs - System.nanoTime())) : SLICE_NS;
    }
}
