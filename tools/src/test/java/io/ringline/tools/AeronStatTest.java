package io.ringline.tools;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.ringline.transport.aeron.StandaloneDriver;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringline stat aeron:...} in another process reads a real media driver's counters for the channel: one
 * publication, one image, one subscriber position, the positions at the bytes sent, and the driver's totals; text
 * and {@code --json}; a directory without a driver is refused with its name.
 */
@Timeout(120)
class AeronStatTest
{
    @TempDir
    Path dir;

    @Test
    void showsPublicationsImagesPositionsAndDriverCounters() throws Exception
    {
        final String aeronDir =
            "/dev/shm/ringline-aeronstat-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        final int port = freeUdpPort();
        final String channel = "aeron:udp?endpoint=127.0.0.1:" + port;
        final int messages = 100;
        try (MediaDriver driver = MediaDriver.launch(StandaloneDriver.context(aeronDir, "shared", "backoff"));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            Subscription subscription = aeron.addSubscription(channel, 1001);
            Publication publication = aeron.addExclusivePublication(channel, 1001))
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
            int received = 0;
            for (int sent = 0; sent < messages; )
            {
                if (publication.offer(message, 0, 64) > 0)
                {
                    sent++;
                }
                received += subscription.poll((buffer, offset, length, header) -> { }, 10);
            }
            while (received < messages)
            {
                received += subscription.poll((buffer, offset, length, header) -> { }, 10);
            }

            final Cli cli = new Cli(dir);
            final String uri = channel + "&stream=1001";
            final Json status = cli.json("stat", uri, "--aeron-dir", aeronDir, "--json");
            assertEquals(uri, status.get("channel").asString());
            final Json one = status.get("drivers").list().get(0);
            assertEquals(aeronDir, one.get("aeron_dir").asString());
            assertEquals(1001, one.get("stream_id").asLong());
            final Json stream = one.get("stream");
            assertEquals(1, stream.get("publications").asLong(), status.toString());
            assertEquals(1, stream.get("images").asLong(), status.toString());
            assertEquals(1, stream.get("subscriberPositions").asLong(), status.toString());
            assertEquals(publication.position(), stream.get("publisherPosition").asLong(), status.toString());
            assertTrue(stream.get("receiverPosition").asLong() >= publication.position(), status.toString());
            assertEquals(0, stream.get("backPressureEvents").asLong(), status.toString());
            final Json totals = one.get("driver");
            assertTrue(totals.get("bytesSent").asLong() >= publication.position(), status.toString());
            assertTrue(totals.get("statusMessagesReceived").asLong() > 0, status.toString());
            for (final String name : new String[]{ "naksSent", "naksReceived", "retransmitsSent", "lossGapFills",
                "errors" })
            {
                assertTrue(totals.get(name).asLong() >= 0, name);
            }

            final String other = "aeron:udp?endpoint=127.0.0.1:" + (port + 1);
            final Json none = cli.json("stat", other, "--aeron-dir", aeronDir, "--json");
            assertEquals(0, none.get("drivers").list().get(0).get("stream").get("publications").asLong(),
                "another endpoint's counters are not counted");

            final String text = cli.run("stat", uri, "--aeron-dir", aeronDir).assertOk().stdout();
            assertTrue(text.contains("driver " + aeronDir) && text.contains(" publications=1 images=1 ") &&
                text.contains(" retransmitsSent="), text);
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
        }
        final Cli.Result refused = new Cli(dir).run("stat", "aeron:ipc", "--aeron-dir", aeronDir);
        assertTrue(refused.stderr().contains("no Aeron media driver at aeron.dir=" + aeronDir), refused.stderr());
    }

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
