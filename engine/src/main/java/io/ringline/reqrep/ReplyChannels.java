package io.ringline.reqrep;

import io.ringline.ChannelUri;

import java.util.Set;

/**
 * The one place reply channels are derived from a request channel, with the same parameters: {@code ringline ping}
 * and {@code pong} echo on {@link #derive(String)} when no {@code --reply} is given, and each request/response
 * {@link Client} receives its replies on its own channel, {@link #forClient(String, long)}.
 *
 * <pre>
 *   shm:NAME          shm:NAME-pong          file:/path      file:/path-pong
 *   sysvshm:KEY       sysvshm:KEY+1          sysvmq:KEY      sysvmq:KEY+1
 *   fifo:/path        fifo:/path-pong        mq:/name        mq:/name-pong
 *   unix:/path        unix:/path-pong        unixgram:/path  unixgram:/path-pong
 *   tcp://host:port   tcp://host:port+1      udp://host:port udp://host:port+1
 *   aeron:udp?endpoint=host:port&amp;...  aeron:udp?endpoint=host:port+1&amp;...
 *   aeron:ipc?stream=S&amp;...             aeron:ipc?stream=S+1&amp;... (S defaults to 1001)
 * </pre>
 */
public final class ReplyChannels
{
    /** Suffix of a derived name or path. */
    public static final String SUFFIX = "-pong";
    /**
     * The stream id of an {@code aeron:} URI without {@code stream=}: defined here, in the engine, so that the reply
     * convention and the transports' {@code AeronChannel.STREAM_DEFAULT} (which refers to it) are one value.
     */
    public static final int AERON_STREAM_DEFAULT = 1001;

    private ReplyChannels()
    {
    }

    /** Infix of a client's reply channel: {@code shm:NAME} gives {@code shm:NAME-reply-CLIENTID} (hexadecimal). */
    public static final String CLIENT_INFIX = "-reply-";

    private static final String NAMED_LIST = "shm:, file:, fifo:, mq:, unix:, unixgram:";
    /** Schemes whose channels have a name or path: a suffix derives another channel. */
    private static final Set<String> NAMED = Set.of("shm", "file", "fifo", "mq", "unix", "unixgram");

    /**
     * @param channel the ping channel URI.
     * @return the reply channel URI.
     * @throws IllegalArgumentException for a scheme with no convention (pipe:, signal:).
     */
    public static String derive(final String channel)
    {
        final ChannelUri uri = parse(channel);
        final String base = base(channel);
        final String params = channel.substring(base.length());
        if (NAMED.contains(uri.scheme()))
        {
            return base + SUFFIX + params;
        }
        switch (uri.scheme())
        {
            case "sysvshm":
            case "sysvmq":
                return uri.scheme() + ":" + nextKey(uri.target(), channel) + params;
            case "tcp":
            case "udp":
                return nextPort(base, channel) + params;
            case "aeron":
                return aeronReply(uri, channel);
            default:
                throw new IllegalArgumentException("channel URI '" + channel + "' has no reply-channel convention " +
                    "for scheme '" + uri.scheme() + "': give the return path with --reply URI");
        }
    }

    /**
     * The reply channel of one request/response client: the request channel's name or path with
     * {@code -reply-CLIENTID} appended, and the same parameters. Only schemes that name their channel have one (a
     * key or a port cannot hold a client id).
     *
     * @param channel  the request channel URI.
     * @param clientId the client's id.
     * @return the client's reply channel URI.
     * @throws IllegalArgumentException for a scheme whose channels are not named (sysvshm:, tcp:, pipe:, ...).
     */
    public static String forClient(final String channel, final long clientId)
    {
        final ChannelUri uri = parse(channel);
        if (!NAMED.contains(uri.scheme()))
        {
            throw new IllegalArgumentException("channel URI '" + channel + "' scheme '" + uri.scheme() +
                "' has no per-client reply channels (only " + NAMED_LIST + " name them)");
        }
        final String base = base(channel);
        return base + CLIENT_INFIX + Long.toHexString(clientId) + channel.substring(base.length());
    }

    private static ChannelUri parse(final String channel)
    {
        if (null == channel)
        {
            throw new IllegalArgumentException("channel is null");
        }
        return ChannelUri.parse(channel);
    }

    private static String base(final String channel)
    {
        final int query = channel.indexOf('?');
        return query < 0 ? channel : channel.substring(0, query);
    }

    private static String aeronReply(final ChannelUri uri, final String channel)
    {
        final StringBuilder reply = new StringBuilder("aeron:").append(uri.target());
        final boolean udp = "udp".equals(uri.target());
        char separator = '?';
        boolean streamSet = false;
        for (final java.util.Map.Entry<String, String> param : uri.params().entrySet())
        {
            String value = param.getValue();
            if (udp && "endpoint".equals(param.getKey()))
            {
                value = nextPort(value, channel);
            }
            else if (!udp && "stream".equals(param.getKey()))
            {
                value = nextKey(value, channel);
                streamSet = true;
            }
            reply.append(separator).append(param.getKey()).append('=').append(value);
            separator = '&';
        }
        if (!udp && !streamSet)
        {
            reply.append(separator).append("stream=").append(AERON_STREAM_DEFAULT + 1);
        }
        return reply.toString();
    }

    private static String nextKey(final String key, final String channel)
    {
        try
        {
            final boolean hex = key.startsWith("0x") || key.startsWith("0X");
            final long value = hex ? Long.parseLong(key.substring(2), 16) : Long.parseLong(key);
            return hex ? "0x" + Long.toHexString(value + 1) : Long.toString(value + 1);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("channel URI '" + channel + "' key '" + key + "' is not a number: " +
                "give the return path with --reply URI");
        }
    }

    private static String nextPort(final String base, final String channel)
    {
        final int colon = base.lastIndexOf(':');
        try
        {
            final int port = Integer.parseInt(base.substring(colon + 1));
            if (port < 1 || port >= 65535)
            {
                throw new NumberFormatException();
            }
            return base.substring(0, colon + 1) + (port + 1);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("channel URI '" + channel + "' has no port in [1, 65534] to derive " +
                "the reply port from: give the return path with --reply URI");
        }
    }
}
