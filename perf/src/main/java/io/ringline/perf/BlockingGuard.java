package io.ringline.perf;

import java.io.IOException;
import java.util.List;

/**
 * Harness side: bounds blocking reads and writes in time, as {@link Watchdog#spin()} bounds a spin loop. While the
 * guard is open, a daemon thread checks the run's {@link Watchdog} ten times a second; once that reports a timeout or
 * a dead child, the thread closes the guarded resources (a channel, a child process), so a call blocked on them
 * returns with an {@link IOException}, which {@link #explain(IOException)} turns into one that says why. The harness
 * thread must not use the watchdog itself while a guard is open.
 *
 * <pre>
 * final BlockingGuard guard = BlockingGuard.start(session.watchdog(), channel);
 * try { ... blocking reads and writes ... }
 * catch (final IOException ex) { throw guard.explain(ex); }
 * finally { guard.close(); }
 * </pre>
 */
public final class BlockingGuard implements AutoCloseable
{
    private static final long CHECK_INTERVAL_MS = 100;

    private final Watchdog watchdog;
    private final List<AutoCloseable> resources;
    private final Thread thread;
    private volatile boolean open = true;
    private volatile String tripReason;

    private BlockingGuard(final Watchdog watchdog, final List<AutoCloseable> resources)
    {
        this.watchdog = watchdog;
        this.resources = resources;
        this.thread = new Thread(this::watch, "blocking-guard");
        this.thread.setDaemon(true);
    }

    /**
     * Starts guarding.
     *
     * @param watchdog  of the run.
     * @param resources closed, in order, if the watchdog trips.
     * @return the open guard.
     */
    public static BlockingGuard start(final Watchdog watchdog, final AutoCloseable... resources)
    {
        final BlockingGuard guard = new BlockingGuard(watchdog, List.of(resources));
        guard.thread.start();

        return guard;
    }

    /**
     * @param ex thrown by a guarded call.
     * @return {@code ex} itself, or, if the guard closed the resources, an exception naming the reason with {@code ex}
     *         as its cause.
     */
    public IOException explain(final IOException ex)
    {
        final String reason = tripReason;

        return reason == null ? ex : new IOException("blocking call stopped by the watchdog: reason=" + reason, ex);
    }

    /**
     * Stops guarding and waits for the guard thread to end; the resources are left open.
     */
    public void close()
    {
        open = false;
        thread.interrupt();
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void watch()
    {
        try
        {
            while (open)
            {
                Thread.sleep(CHECK_INTERVAL_MS);
                watchdog.check();
            }
        }
        catch (final InterruptedException ex)
        {
            // closed
        }
        catch (final IllegalStateException ex)
        {
            tripReason = ex.getMessage();
            closeResources();
        }
    }

    private void closeResources()
    {
        for (final AutoCloseable resource : resources)
        {
            try
            {
                resource.close();
            }
            catch (final Exception ignore)
            {
                // closing is only to unblock the harness; the reason is reported by explain()
            }
        }
    }
}
