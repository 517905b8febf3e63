package io.ringline;

import io.ringline.ring.ConductorStats;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The housekeeping of one {@link Ringline} instance, off the hot path: heartbeats for this process's publishers and
 * subscribers, eviction of peers whose process died, unmapping of released channels. It runs its duties on a daemon
 * thread every heartbeat interval, or, with {@code useConductorThread(false)}, whenever the application calls
 * {@link Ringline#doWork()} (as Aeron's invoker mode does): tests drive it that way with an injected clock. With
 * {@code conductorStats(true)} it records each cycle's time, its longest cycle and its stalls in shared memory
 * ({@link ConductorStats}), where {@code ringline stat} finds them by the pids of a channel's peers.
 */
public final class RinglineConductor implements AutoCloseable
{
    /**
     * One piece of periodic housekeeping.
     */
    @FunctionalInterface
    public interface Duty
    {
        /**
         * @param nowNs the conductor clock's time.
         * @return work done, 0 when there was nothing to do.
         */
        int doWork(long nowNs);
    }

    private final CopyOnWriteArrayList<Duty> duties = new CopyOnWriteArrayList<>();
    private final NanoClock clock;
    private final ErrorHandler errorHandler;
    private final long intervalNs;
    private final Thread thread;
    private ConductorStats stats; // guarded by this; null once closed
    private volatile boolean running = true;
    private volatile boolean runAgain;

    RinglineConductor(final Ringline.Context context)
    {
        this.clock = context.nanoClock();
        this.errorHandler = context.errorHandler();
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(context.heartbeatIntervalMs());
        this.stats = context.conductorStats() ?
            ConductorStats.create(context.shmDir(), intervalNs, clock.nanoTime()) : null;
        if (context.useConductorThread())
        {
            thread = new Thread(this::run, "ringline-conductor");
            thread.setDaemon(true);
            thread.start();
        }
        else
        {
            thread = null;
        }
    }

    /**
     * Adds a duty, run from the next cycle on.
     *
     * @param duty to run.
     */
    public void add(final Duty duty)
    {
        duties.add(duty);
    }

    /**
     * Removes a duty.
     *
     * @param duty to stop running.
     */
    public void remove(final Duty duty)
    {
        duties.remove(duty);
    }

    /**
     * Runs every duty once.
     *
     * @return work done.
     */
    public synchronized int doWork()
    {
        final long nowNs = clock.nanoTime();
        int work = 0;
        for (final Duty duty : duties)
        {
            try
            {
                work += duty.doWork(nowNs);
            }
            catch (final Throwable ex)
            {
                errorHandler.onError(ex);
            }
        }
        if (null != stats)
        {
            stats.onCycle(nowNs, clock.nanoTime());
        }
        return work;
    }

    /**
     * Asks the conductor thread to run its next cycle at once rather than after the heartbeat interval: for a duty that
     * does a long job in steps (a journal's read-ahead) and has more of it to do. Without a conductor thread it does
     * nothing: the application's {@link Ringline#doWork()} calls set the pace.
     */
    public void runAgainSoon()
    {
        runAgain = true;
    }

    private void run()
    {
        while (running)
        {
            doWork();
            if (runAgain)
            {
                runAgain = false;
            }
            else
            {
                LockSupport.parkNanos(intervalNs);
            }
        }
    }

    @Override
    public void close()
    {
        running = false;
        if (null != thread)
        {
            LockSupport.unpark(thread);
            try
            {
                thread.join(TimeUnit.NANOSECONDS.toMillis(intervalNs) + 5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this)
        {
            if (null != stats)
            {
                stats.close();
                stats = null;
            }
        }
    }
}
