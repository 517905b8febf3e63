package io.ringline.transport.socket.unix;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.spi.TransportProvider;
import io.ringline.os.Owner;
import io.ringline.transport.socket.DatagramDescriptor;
import io.ringline.transport.socket.DatagramPublisher;
import io.ringline.transport.socket.DatagramSubscriber;

import java.nio.file.Path;
import java.util.Set;

/**
 * Unix datagram sockets: {@code unixgram:/abs/path}, one datagram per message behind the header of
 * {@link DatagramDescriptor}. The subscriber binds the path ({@link UnixSocketFile}: mode from {@code perm}, default
 * 600, a stale file replaced, removed on close); publishers send to it, any number of them. On Linux nothing is lost:
 * a full receiver is BACK_PRESSURED (the queue holds {@code net.unix.max_dgram_qlen} datagrams, and the sender's
 * SO_SNDBUF bytes), and with no subscriber bound {@code offer} returns NOT_CONNECTED.
 *
 * <p>Parameters: {@code max-msg} (default 65536 - 20 = 65516; larger needs a larger send buffer, see
 * {@link UnixDatagramSender}), {@code perm} (octal, default 600; the subscriber's). Both ends must use the same
 * max-msg: the subscriber drops longer datagrams as malformed.
 */
public final class UnixgramTransportProvider implements TransportProvider
{
    /** The default longest message: a 64 KiB datagram minus the header. */
    public static final int MAX_MSG_DEFAULT =
        DatagramDescriptor.UNIXGRAM_DEFAULT_DATAGRAM_LENGTH - DatagramDescriptor.HEADER_LENGTH;

    private static final Set<String> PARAMS = Set.of("max-msg", "perm", Owner.ANY_OWNER);

    @Override
    public Set<String> schemes()
    {
        return Set.of("unixgram");
    }

    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        final Path path = UnixSocketFile.path(uri);
        uri.perm();
        final int maxMessageLength = maxMessageLength(uri);
        return new DatagramPublisher(uri.toString(), "unixgram", UnixDatagramSender.open(uri, path, maxMessageLength),
            maxMessageLength);
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        final Path path = UnixSocketFile.path(uri);
        final int perm = uri.perm();
        final int maxMessageLength = maxMessageLength(uri);
        return new DatagramSubscriber(uri.toString(), UnixDatagramReceiver.bind(uri, path, perm), maxMessageLength);
    }

    @Override
    public boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        return UnixSocketFile.removeChannel(uri, UnixSocketFile.path(uri));
    }

    private static int maxMessageLength(final ChannelUri uri)
    {
        return uri.maxMsg(MAX_MSG_DEFAULT, (16 << 20) - DatagramDescriptor.HEADER_LENGTH);
    }
}
