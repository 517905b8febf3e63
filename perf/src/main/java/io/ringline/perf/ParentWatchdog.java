package io.ringline.perf;

/**
 * Child side: a daemon thread that exits this JVM when the process that started it has gone, so a child never
 * spins on a core after its harness died. It checks a few times a second and costs nothing in between.
 */
public final class ParentWatchdog
{
    private static final long CHECK_INTERVAL_MS = 250;
    private static final int PARENT_GONE_EXIT_CODE = 3;

    private ParentWatchdog()
    {
    }

    /**
     * Starts watching the parent of this process; exits with code 3 if there is none or once it has gone.
     */
    public static void start()
    {
        final ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        final Thread thread = new Thread(() -> watch(parent), "parent-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private static void watch(final ProcessHandle parent)
    {
        try
        {
            while (parent != null && parent.isAlive())
            {
                Thread.sleep(CHECK_INTERVAL_MS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        System.err.println("parent process has gone: exiting");
        System.exit(PARENT_GONE_EXIT_CODE);
    }
}
