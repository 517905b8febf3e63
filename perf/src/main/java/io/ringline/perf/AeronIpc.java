package io.ringline.perf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.aeron.Aeron;
import io.aeron.Publication;
import org.agrona.DirectBuffer;

/**
 * What the Aeron peers share: the channel, stream ids, starting the run's media driver and offering without
 * hiding a dead publication.
 */
public final class AeronIpc
{
    /**
     * Aeron's shared memory channel.
     */
    public static final String CHANNEL = "aeron:ipc";

    /**
     * Harness to pong.
     */
    public static final int PING_STREAM_ID = 1001;

    /**
     * Pong to harness.
     */
    public static final int PONG_STREAM_ID = 1002;

    /**
     * Producer to harness.
     */
    public static final int THROUGHPUT_STREAM_ID = 1003;

    /**
     * Fragments a throughput consumer takes per poll.
     */
    public static final int THROUGHPUT_FRAGMENT_LIMIT = 256;

    private static final long DRIVER_TIMEOUT_MS = 30_000;

    private AeronIpc()
    {
    }

    /**
     * Starts a media driver child for this run, with its directory under the run's directory.
     *
     * @param session of the run.
     * @return the Aeron directory, for {@link #connect(Path)}.
     * @throws IOException if the child cannot be started.
     */
    public static Path startDriver(final BenchSession session) throws IOException
    {
        final Path aeronDir = session.directory().resolve("aeron");
        session.startChild("aeron-driver", AeronDriverMain.class, List.of(aeronDir.toString()));

        return aeronDir;
    }

    /**
     * Connects a client, waiting for the driver to come up.
     *
     * @param aeronDir the driver's directory.
     * @return the client.
     */
    public static Aeron connect(final Path aeronDir)
    {
        return Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(aeronDir.toString())
            .driverTimeoutMs(DRIVER_TIMEOUT_MS));
    }

    /**
     * Offers once.
     *
     * @param publication to offer to.
     * @param buffer      holding the message.
     * @param offset      of the message.
     * @param length      of the message.
     * @return true if sent; false if back-pressured, not yet connected or in an admin action, so the caller retries.
     * @throws IllegalStateException if the publication is closed or at its maximum position.
     */
    public static boolean offer(
        final Publication publication, final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = publication.offer(buffer, offset, length);
        if (result > 0)
        {
            return true;
        }
        if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
        {
            throw new IllegalStateException("publication cannot send: result=" + Publication.errorString(result));
        }

        return false;
    }
}
