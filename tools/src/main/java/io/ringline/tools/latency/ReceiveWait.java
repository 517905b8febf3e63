package io.ringline.tools.latency;

import io.ringline.ChannelUri;
import io.ringline.tools.inspect.ChannelLocation;

/**
 * How the measuring commands' receivers wait on a ring channel ({@code shm:}, {@code file:}, {@code sysvshm:}):
 * busy-spin unless the URI says otherwise, so that {@code ping}, {@code pong} and {@code throughput} measure the best a
 * channel can do, as Aeron's and Agrona's own samples do. An explicit {@code wait=} in the URI always wins. The other
 * transports wait in their own {@code receive} ({@code poll(2)} for a stream, back-off for a System V queue) and take
 * no {@code wait=}.
 */
public final class ReceiveWait
{
    /** The wait mode a ring receiver gets when the URI names none. */
    public static final String DEFAULT = "spin";

    /** What {@link #mode(String)} says for a transport that is not a ring. */
    public static final String TRANSPORT = "transport";

    private ReceiveWait()
    {
    }

    /**
     * @param channel a channel URI.
     * @return the URI to subscribe with: {@code wait=spin} added for a ring channel that names no wait mode.
     */
    public static String subscriberUri(final String channel)
    {
        if (!isDefaulted(channel))
        {
            return channel;
        }
        return channel + (channel.indexOf('?') < 0 ? '?' : '&') + "wait=" + DEFAULT;
    }

    /**
     * @param channel a channel URI as given by the user.
     * @return the wait mode its receiver uses: the URI's {@code wait=}, {@value #DEFAULT}, or {@value #TRANSPORT}.
     */
    public static String mode(final String channel)
    {
        if (!ChannelLocation.isRing(channel))
        {
            return TRANSPORT;
        }
        return ChannelUri.parse(channel).get("wait", DEFAULT);
    }

    /**
     * @param channel a channel URI as given by the user.
     * @return true when the mode is this class's default rather than the URI's.
     */
    public static boolean isDefaulted(final String channel)
    {
        return ChannelLocation.isRing(channel) && !ChannelUri.parse(channel).has("wait");
    }
}
