package io.ringline.transport.socket;

import io.ringline.ChannelUri;
import io.ringline.RinglineException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;

/**
 * The {@code //host:port} target of {@code tcp:} and {@code udp:} channel URIs: a host name or address literal
 * (IPv6 in brackets, e.g. {@code tcp://[::1]:9000}) and a port from 1 to 65535. The subscriber binds it, the
 * publisher connects to it.
 */
public final class InetTarget
{
    private InetTarget()
    {
    }

    /**
     * Parses and resolves the target.
     *
     * @param uri a {@code tcp:} or {@code udp:} channel URI.
     * @return the socket address.
     * @throws IllegalArgumentException naming the URI when the target is not {@code //host:port}.
     * @throws RinglineException        when the host name does not resolve.
     */
    public static InetSocketAddress parse(final ChannelUri uri)
    {
        final String target = uri.target();
        final String example = uri.scheme() + "://127.0.0.1:9000";
        if (!target.startsWith("//"))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' must be " + uri.scheme() +
                "://host:port, e.g. " + example);
        }
        final String authority = target.substring(2);
        final String host;
        final String portText;
        if (authority.startsWith("["))
        {
            final int close = authority.indexOf(']');
            if (close < 0 || close + 1 >= authority.length() || authority.charAt(close + 1) != ':')
            {
                throw new IllegalArgumentException("channel URI '" + uri + "' has a malformed IPv6 host: expected " +
                    uri.scheme() + "://[::1]:9000");
            }
            host = authority.substring(1, close);
            portText = authority.substring(close + 2);
        }
        else
        {
            final int colon = authority.lastIndexOf(':');
            if (colon < 0)
            {
                throw new IllegalArgumentException("channel URI '" + uri + "' has no port: expected " + example);
            }
            host = authority.substring(0, colon);
            portText = authority.substring(colon + 1);
            if (host.indexOf(':') >= 0)
            {
                throw new IllegalArgumentException("channel URI '" + uri + "' host=" + host +
                    " must be in brackets when it is an IPv6 address, e.g. " + uri.scheme() + "://[::1]:9000");
            }
        }
        if (host.isEmpty())
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' has no host: expected " + example);
        }
        return new InetSocketAddress(resolve(uri, host), port(uri, portText));
    }

    /**
     * @param address a resolved address.
     * @return INET6 for an IPv6 address, else INET.
     */
    public static ProtocolFamily family(final InetSocketAddress address)
    {
        return address.getAddress() instanceof Inet6Address ?
            StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /**
     * @param scheme  {@code tcp} or {@code udp}.
     * @param address a resolved address.
     * @return e.g. {@code tcp=127.0.0.1:9000} or {@code udp=[::1]:9000}, for messages.
     */
    public static String describe(final String scheme, final InetSocketAddress address)
    {
        final String host = address.getAddress().getHostAddress();
        return scheme + "=" + (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" +
            address.getPort();
    }

    private static int port(final ChannelUri uri, final String text)
    {
        boolean digits = !text.isEmpty() && text.length() <= 5;
        for (int i = 0; digits && i < text.length(); i++)
        {
            digits = Character.isDigit(text.charAt(i)) && text.charAt(i) < 128;
        }
        final int port = digits ? Integer.parseInt(text) : -1;
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' port=" + text + " must be 1 to 65535");
        }
        return port;
    }

    private static InetAddress resolve(final ChannelUri uri, final String host)
    {
        try
        {
            return InetAddress.getByName(host);
        }
        catch (final UnknownHostException ex)
        {
            throw new RinglineException("channel=" + uri + " host=" + host + " does not resolve: " + ex.getMessage(),
                ex);
        }
    }
}
