package io.ringline.transport.socket.udp;

import io.ringline.ChannelUri;
import io.ringline.RinglineException;
import io.ringline.transport.socket.DatagramReceiver;
import io.ringline.transport.socket.InetTarget;
import io.ringline.transport.socket.SelectorWaiter;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

import org.agrona.CloseHelper;

/**
 * The receiving side of {@code udp:}: a non-blocking {@link DatagramChannel} bound to the channel's address, waited
 * on with a {@link SelectorWaiter}. Receiving allocates nothing while the sender stays the same (the JDK reuses the
 * sender's address object). When the socket's receive buffer ({@code rcvbuf}, else {@code net.core.rmem_default})
 * is full, the kernel drops datagrams: they show as {@code lostMessages}.
 */
public final class UdpReceiver implements DatagramReceiver
{
    private final DatagramChannel channel;
    private final SelectorWaiter waiter;

    private UdpReceiver(final DatagramChannel channel, final SelectorWaiter waiter)
    {
        this.channel = channel;
        this.waiter = waiter;
    }

    /**
     * @param uri           channel URI, for messages.
     * @param address       to bind.
     * @param receiveBuffer SO_RCVBUF in bytes, or 0 for the system default.
     * @return the receiver.
     * @throws RinglineException naming the URI when the address is in use.
     */
    public static UdpReceiver bind(final ChannelUri uri, final InetSocketAddress address, final int receiveBuffer)
    {
        final String description = InetTarget.describe("udp", address);
        DatagramChannel channel = null;
        try
        {
            channel = DatagramChannel.open(InetTarget.family(address));
            if (receiveBuffer > 0)
            {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            channel.configureBlocking(false);
            channel.bind(address);
            return new UdpReceiver(channel, new SelectorWaiter(channel, SelectionKey.OP_READ, description));
        }
        catch (final BindException ex)
        {
            CloseHelper.quietClose(channel);
            throw new RinglineException("channel=" + uri + " address in use: address=" + description + ": " + ex, ex);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(channel);
            if (ex instanceof RuntimeException)
            {
                throw (RuntimeException)ex;
            }
            throw new RinglineException("channel=" + uri + " could not bind address=" + description + ": " + ex, ex);
        }
    }

    @Override
    public int receive(final ByteBuffer destination)
    {
        final int position = destination.position();
        try
        {
            return null == channel.receive(destination) ? NO_DATAGRAM : destination.position() - position;
        }
        catch (final IOException ex)
        {
            return NO_DATAGRAM;
        }
    }

    @Override
    public boolean awaitReadable(final long timeoutNs)
    {
        return waiter.await(timeoutNs);
    }

    @Override
    public void close()
    {
        waiter.close();
        CloseHelper.quietClose(channel);
    }
}
