package io.ringline.transport.socket.udp;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.spi.TransportProvider;
import io.ringline.transport.socket.DatagramDescriptor;
import io.ringline.transport.socket.DatagramPublisher;
import io.ringline.transport.socket.DatagramSubscriber;
import io.ringline.transport.socket.InetTarget;

import java.net.InetSocketAddress;
import java.util.Set;

/**
 * UDP: {@code udp://host:port}, one datagram per message behind the header of {@link DatagramDescriptor}. The
 * subscriber binds the address; publishers send to it, any number of them. UDP may lose messages (a full receive
 * buffer drops them, even on loopback); the subscriber counts them from sequence gaps
 * ({@link DatagramSubscriber#lostMessages()}). It does not back-pressure in practice, and NOT_CONNECTED is only a
 * hint (see {@link UdpSender}).
 *
 * <p>Parameters: {@code max-msg} (default and largest 65507 - 20 = 65487), {@code rcvbuf} (the subscriber's
 * SO_RCVBUF, capped by {@code net.core.rmem_max}; default {@code net.core.rmem_default}).
 */
public final class UdpTransportProvider implements TransportProvider
{
    /** The longest message: the largest UDP payload minus the header. */
    public static final int MAX_MSG = DatagramDescriptor.UDP_MAX_DATAGRAM_LENGTH - DatagramDescriptor.HEADER_LENGTH;

    private static final Set<String> PARAMS = Set.of("max-msg", "rcvbuf");

    @Override
    public Set<String> schemes()
    {
        return Set.of("udp");
    }

    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        final InetSocketAddress address = InetTarget.parse(uri);
        final int maxMessageLength = maxMessageLength(uri);
        receiveBuffer(uri);
        return new DatagramPublisher(uri.toString(), "udp", UdpSender.open(uri, address), maxMessageLength);
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        final InetSocketAddress address = InetTarget.parse(uri);
        final int maxMessageLength = maxMessageLength(uri);
        return new DatagramSubscriber(uri.toString(), UdpReceiver.bind(uri, address, receiveBuffer(uri)),
            maxMessageLength);
    }

    /**
     * Nothing to remove: a UDP channel leaves no file.
     *
     * @return false.
     */
    @Override
    public boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        InetTarget.parse(uri);
        return false;
    }

    private static int maxMessageLength(final ChannelUri uri)
    {
        return uri.maxMsg(MAX_MSG, MAX_MSG);
    }

    private static int receiveBuffer(final ChannelUri uri)
    {
        return uri.size("rcvbuf", 0, 1024, 1 << 30);
    }
}
