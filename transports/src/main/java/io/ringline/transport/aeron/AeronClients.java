package io.ringline.transport.aeron;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.exceptions.DriverTimeoutException;
import io.ringline.RinglineException;
import org.agrona.CloseHelper;

import java.io.File;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Aeron clients of one Ringline instance, connected on first use: one to the standalone media driver at Aeron's
 * directory ({@code aeron.dir}, Aeron's default otherwise), one to a driver embedded in this process (for
 * {@code driver=embedded}, and for {@code driver=auto} when no standalone driver is alive) (started then,
 * in a fresh directory under {@code shmDir}). Closed with the instance: clients first, then the embedded driver,
 * whose directory goes with it.
 */
final class AeronClients implements AutoCloseable
{
    /** The age of the heartbeat beyond which {@code driver=auto} takes a standalone driver for dead (Aeron's default). */
    private static final long DRIVER_PROBE_MS = 10_000;

    private final String shmDir;
    private Aeron external;
    private Aeron embedded;
    private EmbeddedDriver embeddedDriver;

    /**
     * @param shmDir where an embedded driver puts its directory.
     */
    AeronClients(final String shmDir)
    {
        this.shmDir = shmDir;
    }

    /**
     * @param channel which driver it needs.
     * @return the connected client for it.
     * @throws RinglineException when no standalone driver answers.
     */
    synchronized Aeron client(final AeronChannel channel)
    {
        final boolean embed = AeronChannel.EMBEDDED.equals(channel.driver()) ||
            AeronChannel.AUTO.equals(channel.driver()) && null == external &&
            !CommonContext.isDriverActive(new File(new Aeron.Context().aeronDirectoryName()), DRIVER_PROBE_MS,
                message -> { });
        if (embed)
        {
            if (null == embedded)
            {
                embeddedDriver = EmbeddedDriver.launch(shmDir + "/ringline-aeron-" + ProcessHandle.current().pid() +
                    "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
                embedded = Aeron.connect(new Aeron.Context().aeronDirectoryName(embeddedDriver.directory()));
            }
            return embedded;
        }
        if (null == external)
        {
            final Aeron.Context context = new Aeron.Context();
            try
            {
                external = Aeron.connect(context);
            }
            catch (final DriverTimeoutException | IllegalStateException ex)
            {
                throw new RinglineException("no Aeron media driver at aeron.dir=" + context.aeronDirectoryName() +
                    ": start one (ringline driver) or use driver=embedded", ex);
            }
        }
        return external;
    }

    @Override
    public synchronized void close()
    {
        CloseHelper.closeAll(external, embedded, embeddedDriver);
        external = null;
        embedded = null;
        embeddedDriver = null;
    }
}
