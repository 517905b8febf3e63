package io.ringline.tools;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a command that runs until it is stopped (tail, pong, the throughput producer) finish its loop and close its
 * channels when the process is told to stop: SIGTERM, SIGINT (Ctrl-C), or its parent's exit. The JVM runs its
 * shutdown hooks on those; this one clears the flag the loop checks, then waits until the command has closed this
 * signal, which it does last, after its channels ({@code try}-with-resources closes in reverse order). It waits at most
 * {@value #STOP_TIMEOUT_MS} ms, so a loop that never looks at the flag cannot keep the process alive.
 *
 * <pre>{@code
 * try (StopSignal stop = StopSignal.install(parentPid);
 *     Ringline ringline = Ringline.connect();
 *     Subscriber subscriber = ringline.addSubscriber(channel))
 * {
 *     while (stop.isRunning()) { subscriber.receive(handler, 16, TimeUnit.MILLISECONDS.toNanos(100)); }
 * }
 * }</pre>
 *
 * <p>The hook waits for {@link #close()}, not for the command's thread to end: that thread, once the command returns,
 * calls {@code System.exit}, which blocks while the hooks run, so waiting for it to end would always wait the whole
 * timeout.
 */
final class StopSignal implements AutoCloseable
{
    /** Longest wait, after a stop request, for the command to close its channels. */
    static final long STOP_TIMEOUT_MS = 2_000;

    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;

    private StopSignal()
    {
    }

    /**
     * Registers the shutdown hook; call from the thread that runs the loop, and close the signal when it is done.
     *
     * @param parentPid a process whose exit also stops this one, or 0.
     * @return the signal.
     */
    static StopSignal install(final long parentPid)
    {
        final StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(signal::stopAndWait, "ringline-stop"));
        if (parentPid > 0)
        {
            // Exits from another thread, even when the parent is already gone, so that this one can close the signal.
            ProcessHandle.of(parentPid).map(ProcessHandle::onExit).orElse(CompletableFuture.completedFuture(null))
                .thenRunAsync(() -> System.exit(0));
        }
        return signal;
    }

    /**
     * @return false once the process has been told to stop.
     */
    boolean isRunning()
    {
        return running;
    }

    /**
     * Says the command has finished and closed its channels: the shutdown hook, if running, returns.
     */
    @Override
    public void close()
    {
        closed.countDown();
    }

    private void stopAndWait()
    {
        running = false;
        try
        {
            closed.await(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
