package io.ringline.tools.latency;

/**
 * Lets a long-running command (pong, the throughput producer) finish its loop and close its channels when the
 * process is told to stop (SIGTERM, SIGINT, or its parent's exit): the shutdown hook clears the flag and waits up to
 * two seconds for the command's thread to return, so that slots are released instead of waiting for eviction.
 */
public final class StopSignal
{
    private volatile boolean running = true;
    private final Thread owner = Thread.currentThread();

    /**
     * Registers the shutdown hook; call from the thread that runs the loop.
     *
     * @param parentPid a process whose exit also stops this one, or 0.
     * @return the signal.
     */
    public static StopSignal install(final long parentPid)
    {
        final StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(signal::stopAndWait, "ringline-stop"));
        if (parentPid > 0)
        {
            ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
        }
        return signal;
    }

    /**
     * @return false once the process has been told to stop.
     */
    public boolean isRunning()
    {
        return running;
    }

    private void stopAndWait()
    {
        running = false;
        try
        {
            owner.join(2_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
