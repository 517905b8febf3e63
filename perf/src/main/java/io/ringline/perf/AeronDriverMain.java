package io.ringline.perf;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringline.transport.aeron.StandaloneDriver;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;

/**
 * Child JVM running an Aeron media driver for one run: {@code AeronDriverMain <aeron-dir> [udp <idle>]}. One shared
 * thread that backs off to parking when idle, so it does not take a core from the measured processes (Aeron IPC data
 * does not pass through the driver), and never pinned ({@link AeronIpc#startDriver(BenchSession)}). The directory is
 * deleted on start and on shutdown; the driver stops on SIGTERM or when the parent process goes away. Term buffers are
 * allocated up front ({@code termBufferSparseFile(false)}, as Aeron's {@code LowLatencyMediaDriver} sample does), so a
 * short run does not measure the first lap's page faults. With {@code udp IDLE} the settings of Ringline's embedded
 * driver ({@code io.ringline.transport.aeron.EmbeddedDriver}) instead: sparse term files and the idle strategy the
 * bench's {@code aeronIdle=} gives every embedded driver of the run, so Aeron's own UDP peer runs on exactly the driver
 * settings Ringline's {@code aeron:udp} and bridge peers get ({@link AeronIpc#startUdpDriver(BenchSession, boolean)}).
 */
public final class AeronDriverMain
{
    /** Second argument: the embedded driver's settings, with the idle strategy named by the third. */
    public static final String UDP = "udp";

    private AeronDriverMain()
    {
    }

    /**
     * Runs the driver until terminated.
     *
     * @param args the Aeron directory, then optionally {@code udp} and an idle strategy name (spin, yield, backoff).
     */
    public static void main(final String[] args)
    {
        ParentWatchdog.start();
        final boolean udp = args.length > 2 && UDP.equals(args[1]);
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(args[0])
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(udp)
            .sharedIdleStrategy(udp ? StandaloneDriver.idleStrategy(args[2]) : new BackoffIdleStrategy())
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
