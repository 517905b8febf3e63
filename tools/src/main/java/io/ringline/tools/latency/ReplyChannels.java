package io.ringline.tools.latency;

import io.ringline.ChannelUri;

/**
 * The reply-channel convention of {@code ringline ping} and {@code pong}: when no {@code --reply} is given, the echo
 * comes back on a channel derived from the ping channel, with the same parameters.
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
    /** The stream id of an {@code aeron:} URI without {@code stream=} (AeronChannel.STREAM_DEFAULT). */
    private static final int AERON_STREAM_DEFAULT = io.ringline.transport.aeron.AeronChannel.STREAM_DEFAULT;

    private ReplyChannels()
    {
    }

    /**
     * @param channel the ping channel URI.
     * @return the reply channel URI.
     * @throws IllegalArgumentException for a scheme with no convention (pipe:, signal:).
     */
    public static String derive(final String channel)
    {
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
            case "aeron":
                return aeronReply(uri, channel);
            default:
                throw new IllegalArgumentException("channel URI '" + channel + "' has no reply-channel convention " +
                    "for scheme '" + uri.scheme() + "': give the return path with --reply URI");
        }
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
