package io.ringline.perf.jmh;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.ImageFragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.ringline.perf.AeronIpc;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Aeron IPC both ways, as its {@code EmbeddedPingPong} sample and {@code ringline bench}'s {@code aeron-ipc} peer run
 * it: an embedded media driver in SHARED threading with a back-off idle strategy (it is off the data path of IPC and
 * must not take one of the two cores), exclusive publications, each side polling its {@code Image} through an
 * {@code ImageFragmentAssembler} {@value AeronIpc#FRAGMENT_COUNT_LIMIT} fragments at a time, the echo offered from
 * inside the handler.
 */
final class AeronPingPong extends PingPongPair
{
    private MediaDriver driver;
    private Aeron aeron;
    private ExclusivePublication toEcho;
    private Subscription fromEchoSubscription;
    private Image fromEcho;
    private ExclusivePublication echoPublication;
    private Subscription echoSubscription;
    private int size;
    private final UnsafeBuffer message = AeronIpc.messageBuffer(4096);
    private long echoed;
    private final ImageFragmentAssembler onEcho = new ImageFragmentAssembler(
        (buffer, offset, length, header) -> echoed = buffer.getLong(offset));
    private final FragmentHandler echo = new ImageFragmentAssembler(
        (buffer, offset, length, header) -> offer(echoPublication, buffer, offset, length));
    private Image echoImage;

    @Override
    void open(final int size)
    {
        checkSize(size);
        this.size = size;
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/aeron-jmh-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1))
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(false)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        toEcho = aeron.addExclusivePublication(AeronIpc.CHANNEL, AeronIpc.PING_STREAM_ID);
        fromEchoSubscription = aeron.addSubscription(AeronIpc.CHANNEL, AeronIpc.PONG_STREAM_ID);
        echoSubscription = aeron.addSubscription(AeronIpc.CHANNEL, AeronIpc.PING_STREAM_ID);
        echoPublication = aeron.addExclusivePublication(AeronIpc.CHANNEL, AeronIpc.PONG_STREAM_ID);
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (!toEcho.isConnected() || !echoPublication.isConnected() ||
            fromEchoSubscription.imageCount() == 0 || echoSubscription.imageCount() == 0)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("aeron-ipc: publications not connected within 10 s");
            }
            Thread.yield();
        }
        fromEcho = fromEchoSubscription.imageAtIndex(0);
        echoImage = echoSubscription.imageAtIndex(0);
    }

    private void offer(final Publication publication, final DirectBuffer buffer, final int offset,
        final int length)
    {
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("aeron-ipc offer failed: " + Publication.errorString(result));
            }
            idle();
        }
    }

    @Override
    long roundTrip(final long sequence)
    {
        message.putLong(0, sequence);
        offer(toEcho, message, 0, size);
        while (fromEcho.poll(onEcho, AeronIpc.FRAGMENT_COUNT_LIMIT) == 0)
        {
            idle();
        }
        return echoed;
    }

    @Override
    long roundTripInOneThread(final long sequence)
    {
        message.putLong(0, sequence);
        offer(toEcho, message, 0, size);
        echoImage.poll(echo, AeronIpc.FRAGMENT_COUNT_LIMIT);
        fromEcho.poll(onEcho, AeronIpc.FRAGMENT_COUNT_LIMIT);
        return echoed;
    }

    @Override
    void echoUntil(final BooleanSupplier running)
    {
        final FragmentHandler echo = this.echo;
        final Image image = echoImage;
        while (true)
        {
            if (image.poll(echo, AeronIpc.FRAGMENT_COUNT_LIMIT) == 0)
            {
                if (!running.getAsBoolean())
                {
                    return;
                }
                idle();
            }
        }
    }

    @Override
    void close()
    {
        CloseHelper.closeAll(toEcho, fromEchoSubscription, echoPublication, echoSubscription, aeron, driver);
    }
}
