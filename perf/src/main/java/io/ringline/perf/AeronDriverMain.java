package io.ringline.perf;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;

/**
 * Child JVM running an Aeron media driver for one run: {@code AeronDriverMain <aeron-dir>}. One shared thread that
 * backs off to parking when idle, so it does not take a core from the measured processes (Aeron IPC data does not
 * pass through the driver), and never pinned ({@link AeronIpc#startDriver(BenchSession)}). The directory is deleted
 * on start and on shutdown; the driver stops on SIGTERM or when the parent process goes away. Term buffers are
 * allocated up front ({@code termBufferSparseFile(false)}, as Aeron's {@code LowLatencyMediaDriver} sample does), so a
 * short run does not measure the first lap's page faults.
 */
public final class AeronDriverMain
{
    private AeronDriverMain()
    {
    }

    /**
     * Runs the driver until terminated.
     *
     * @param args the Aeron directory.
     */
    public static void main(final String[] args)
    {
        ParentWatchdog.start();
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(args[0])
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(false)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);

        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            final MediaDriver driver = MediaDriver.launch(context);
            try
            {
                barrier.await();
            }
            finally
            {
                driver.close();
            }
        }
    }
}
