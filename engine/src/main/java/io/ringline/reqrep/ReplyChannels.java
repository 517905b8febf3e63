package io.ringline.reqrep;

import io.ringline.ChannelUri;

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
 * </pre>
 */
public final class ReplyChannels
{
    /** Suffix of a derived name or path. */
    public static final String SUFFIX = "-pong";

    private ReplyChannels()
    {
    }

    /** Infix of a client's reply channel: {@code shm:NAME} gives {@code shm:NAME-reply-CLIENTID} (hexadecimal). */
    public static final String CLIENT_INFIX = "-reply-";

    /**
     * @param channel the ping channel URI.
     * @return the reply channel URI.
     * @throws IllegalArgumentException for a scheme with no convention (pipe:, signal:).
     */
    public static String derive(final String channel)
    {
        if (null == channel)
        {
            throw new IllegalArgumentException("channel is null");
        }
        final ChannelUri uri = ChannelUri.parse(channel);
        final int query = channel.indexOf('?');
        final String base = query < 0 ? channel : channel.substring(0, query);
        final String params = query < 0 ? "" : channel.substring(query);
        switch (uri.scheme())
        {
            case "shm":
            case "file":
            case "fifo":
            case "mq":
            case "unix":
            case "unixgram":
                return base + SUFFIX + params;
            case "sysvshm":
            case "sysvmq":
                return uri.scheme() + ":" + nextKey(uri.target(), channel) + params;
            case "tcp":
            case "udp":
                return nextPort(base, channel) + params;
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
        if (null == channel)
        {
            throw new IllegalArgumentException("channel is null");
        }
        final ChannelUri uri = ChannelUri.parse(channel);
        final int query = channel.indexOf('?');
        final String base = query < 0 ? channel : channel.substring(0, query);
        final String params = query < 0 ? "" : channel.substring(query);
        switch (uri.scheme())
        {
            case "shm":
            case "file":
            case "fifo":
            case "mq":
            case "unix":
            case "unixgram":
                return base + CLIENT_INFIX + Long.toHexString(clientId) + params;
            default:
                throw new IllegalArgumentException("channel URI '" + channel + "' scheme '" + uri.scheme() +
                    "' has no per-client reply channels (only shm:, file:, fifo:, mq:, unix:, unixgram: name them)");
        }
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
