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
 *
 * <p>It also knows since when this process has watched its peers without a stall ({@link #watchingSinceNs(long)}):
 * a cycle that comes more than half the liveness timeout after the previous one means this process was not running
 * (the whole machine or VM paused, a stop signal, a long GC pause), and a peer's heartbeat that went stale meanwhile
 * says nothing about the peer, whose conductor was stopped too. Liveness checks judge a heartbeat stale only against
 * time this process watched.
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

    /**
     * {@link #watchingSinceNs(long)} while this process's own conductor is overdue: judge no heartbeat stale now.
     */
    public static final long NOT_WATCHING = Long.MAX_VALUE;

    private final CopyOnWriteArrayList<Duty> duties = new CopyOnWriteArrayList<>();
    private final NanoClock clock;
    private final ErrorHandler errorHandler;
    private final long intervalNs;
    private final long stallNs;
    private final Thread thread;
    private volatile long lastCycleNs;
    private volatile long watchingSinceNs;
    private ConductorStats stats; // guarded by this; null once closed
    private volatile boolean running = true;
    private volatile boolean runAgain;
    private boolean reportedThrowingHandler; // conductor thread only

    RinglineConductor(final Ringline.Context context)
    {
        this.clock = context.nanoClock();
        this.errorHandler = context.errorHandler();
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(context.heartbeatIntervalMs());
        this.stallNs = TimeUnit.MILLISECONDS.toNanos(context.livenessTimeoutMs()) / 2;
        this.lastCycleNs = clock.nanoTime();
        this.watchingSinceNs = lastCycleNs;
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
        if (nowNs - lastCycleNs > stallNs)
        {
            watchingSinceNs = nowNs; // this process was stalled: what went stale meanwhile is not the peers' doing
        }
        lastCycleNs = nowNs;
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

    /**
     * Since when this process has watched its peers' heartbeats without a stall of its own: the time of its first
     * cycle after the last gap of more than half the liveness timeout between two cycles (or of its start). A heartbeat
     * is stale when {@code nowNs - max(heartbeat, watchingSinceNs) > livenessTimeoutNs}: after a stall every peer gets
     * a whole liveness timeout to beat again. Called off the conductor thread (a back-pressured publisher), it also
     * answers {@link #NOT_WATCHING} while the conductor is itself overdue, so that a thread which resumed before its
     * conductor does not judge on a clock that jumped.
     *
     * @param nowNs the caller's clock, the conductor's.
     * @return the time from which staleness may be counted, or {@link #NOT_WATCHING}.
     */
    public long watchingSinceNs(final long nowNs)
    {
        return nowNs - lastCycleNs > stallNs ? NOT_WATCHING : watchingSinceNs;
    }

    private void run()
    {
        while (running)
        {
            try
            {
                doWork();
            }
            catch (final Throwable ex)
            {
                // An error handler that throws must not end the thread: without it no heartbeat is written, and every
                // peer evicts this live process a liveness timeout later.
                if (!reportedThrowingHandler)
                {
                    reportedThrowingHandler = true;
                    System.err.println("ringline: the conductor's error handler threw (reported once), it goes on: " +
                        ex);
                }
            }
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
