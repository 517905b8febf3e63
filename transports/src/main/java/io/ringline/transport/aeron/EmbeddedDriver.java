package io.ringline.transport.aeron;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;

/**
 * A media driver inside this process, for {@code driver=embedded}: one shared-threaded driver that backs off to
 * parking when idle (on a small box a spinning driver takes a core from the application; {@value #IDLE_PROP_NAME}
 * chooses another idle strategy, as {@code ringline driver --idle} does), in a fresh directory
 * that is deleted when it closes. IPC terms are {@value #IPC_TERM_LENGTH} bytes (Aeron's 64 MiB default is meant for
 * a standalone driver); {@code term-length=} in a URI still overrides it.
 */
public final class EmbeddedDriver implements AutoCloseable
{
    /** IPC term length of the embedded driver. */
    public static final int IPC_TERM_LENGTH = 8 << 20;

    /** System property: the embedded driver's idle strategy, {@code backoff} (default), {@code yield}, {@code spin}. */
    public static final String IDLE_PROP_NAME = "ringline.aeron.embedded.idle";

    private final MediaDriver driver;

    private EmbeddedDriver(final MediaDriver driver)
    {
        this.driver = driver;
    }

    /**
     * @param directory the driver's directory; deleted first if it exists, and on close.
     * @return the running driver.
     */
    public static EmbeddedDriver launch(final String directory)
    {
        return new EmbeddedDriver(MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(directory)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(StandaloneDriver.idleStrategy(System.getProperty(IDLE_PROP_NAME, "backoff")))
            .ipcTermBufferLength(IPC_TERM_LENGTH)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)));
    }

    /**
     * @return the driver's directory, for clients.
     */
    public String directory()
    {
        return driver.aeronDirectoryName();
    }

    /**
     * Stops the driver and deletes its directory.
     */
    @Override
    public void close()
    {
        driver.close();
    }
}
