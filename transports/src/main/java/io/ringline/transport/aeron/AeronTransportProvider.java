package io.ringline.transport.aeron;

import io.aeron.Aeron;
import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.spi.TransportProvider;

import java.util.Set;

/**
 * Aeron: {@code aeron:udp?endpoint=HOST:PORT} (unicast, or multicast with a 224-239.x endpoint and
 * {@code interface=}) and {@code aeron:ipc}, behind the Publisher/Subscriber API; Aeron does the reliable delivery,
 * flow control and fragmentation, Ringline adds the message type ({@link AeronFrameDescriptor}). See
 * {@link AeronChannel} for the parameters: {@code stream=} (default {@value AeronChannel#STREAM_DEFAULT}),
 * {@code driver=embedded|external}, and Aeron's own ({@code term-length}, {@code mtu}, {@code control},
 * {@code control-mode}, {@code interface}, ...) passed through, written with {@code &} as every Ringline URI.
 *
 * <p>A subscriber on {@code aeron:udp} binds the endpoint; publishers send to it. Exclusive publishers are Aeron
 * exclusive publications, the others concurrent ones.
 */
public final class AeronTransportProvider implements TransportProvider
{
    private AeronClients clients;

    @Override
    public Set<String> schemes()
    {
        return Set.of("aeron");
    }

    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        final AeronChannel channel = AeronChannel.parse(uri);
        final Aeron aeron = clients(ringline).client(channel);
        return new AeronPublisher(uri.toString(), exclusive ?
            aeron.addExclusivePublication(channel.aeronChannel(), channel.streamId()) :
            aeron.addPublication(channel.aeronChannel(), channel.streamId()));
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        final AeronChannel channel = AeronChannel.parse(uri);
        return new AeronSubscriber(uri.toString(),
            clients(ringline).client(channel).addSubscription(channel.aeronChannel(), channel.streamId()));
    }

    /**
     * Nothing to remove: the media driver owns the log buffers and removes them when no client uses them.
     *
     * @return false.
     */
    @Override
    public boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        AeronChannel.parse(uri);
        return false;
    }

    private synchronized AeronClients clients(final Ringline ringline)
    {
        if (null == clients)
        {
            clients = new AeronClients(ringline.context().shmDir());
        }
        return clients;
    }

    @Override
    public synchronized void close()
    {
        if (null != clients)
        {
            clients.close();
            clients = null;
        }
    }
}
