package io.ringline.transport.socket.udp;

import io.ringline.ChannelUri;
import io.ringline.RinglineException;
import io.ringline.transport.socket.DatagramSender;
import io.ringline.transport.socket.InetTarget;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

import org.agrona.CloseHelper;

/**
 * The sending side of {@code udp:}: a non-blocking {@link DatagramChannel} connected to the subscriber's address.
 * UDP cannot tell whether anybody receives: a send succeeds when the datagram leaves, and the kernel reports an ICMP
 * "port unreachable" from an earlier datagram on a later send ({@link #NO_RECEIVER}, NOT_CONNECTED), after which
 * sends succeed again. A full socket buffer or ENOBUFS is {@link #WOULD_BLOCK}.
 */
public final class UdpSender implements DatagramSender
{
    private final DatagramChannel channel;

    private UdpSender(final DatagramChannel channel)
    {
        this.channel = channel;
    }

    /**
     * @param uri     channel URI, for messages.
     * @param address the subscriber's address.
     * @return the sender.
     */
    public static UdpSender open(final ChannelUri uri, final InetSocketAddress address)
    {
        DatagramChannel channel = null;
        try
        {
            channel = DatagramChannel.open(InetTarget.family(address));
            channel.configureBlocking(false);
            channel.connect(address);
            return new UdpSender(channel);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new RinglineException("channel=" + uri + " could not open a socket to address=" +
                InetTarget.describe("udp", address) + ": " + ex, ex);
        }
    }

    @Override
    public int send(final ByteBuffer datagram)
    {
        try
        {
            return channel.write(datagram);
        }
        catch (final PortUnreachableException | ClosedChannelException ex)
        {
            return NO_RECEIVER;
        }
        catch (final IOException ex)
        {
            return WOULD_BLOCK; // ENOBUFS and the like: the caller retries
        }
    }

    /**
     * @return true while open: UDP cannot know whether anybody receives.
     */
    @Override
    public boolean isConnected()
    {
        return channel.isOpen();
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(channel);
    }
}
