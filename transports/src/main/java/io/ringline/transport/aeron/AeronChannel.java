package io.ringline.transport.aeron;

import io.ringline.ChannelUri;

import java.util.Map;
import java.util.Set;

/**
 * A Ringline {@code aeron:} URI read as Aeron sees it: the Aeron channel (the media, {@code udp} or {@code ipc}, and
 * every Aeron parameter passed through unchanged), the stream id and which media driver to use. Ringline's own
 * parameters are {@code stream} (default {@value #STREAM_DEFAULT}) and {@code driver} ({@code embedded},
 * {@code external} or {@code auto}: the standalone driver when one is alive at {@code aeron.dir}, else an embedded
 * one; default from {@value #DRIVER_PROP_NAME}, else {@code auto}); they are removed from the Aeron channel.
 *
 * @param aeronChannel the channel given to Aeron, e.g. {@code aeron:udp?endpoint=127.0.0.1:40456|mtu=1408}.
 * @param streamId     the Aeron stream id.
 * @param driver       {@link #EMBEDDED}, {@link #EXTERNAL} or {@link #AUTO}.
 */
public record AeronChannel(String aeronChannel, int streamId, String driver)
{
    /** The stream id when the URI has no {@code stream=}. */
    public static final int STREAM_DEFAULT = io.ringline.reqrep.ReplyChannels.AERON_STREAM_DEFAULT;
    /** System property choosing the driver for URIs without {@code driver=}: embedded, external or auto. */
    public static final String DRIVER_PROP_NAME = "ringline.aeron.driver";
    /** {@code driver=} value: a media driver started in this process, shared by its aeron channels. */
    public static final String EMBEDDED = "embedded";
    /** {@code driver=} value: the standalone media driver at Aeron's directory ({@code aeron.dir}). */
    public static final String EXTERNAL = "external";
    /** {@code driver=} value, the default: {@link #EXTERNAL} when a driver is alive at {@code aeron.dir}, else embedded. */
    public static final String AUTO = "auto";

    private static final Set<String> RINGLINE_PARAMS = Set.of("stream", "driver");
    /** Aeron channel parameters passed through (Aeron validates their values). */
    private static final Set<String> AERON_PARAMS = Set.of(
        "endpoint", "interface", "control", "control-mode", "term-length", "mtu", "ttl", "reliable", "linger",
        "sparse", "tags", "session-id", "alias", "so-sndbuf", "so-rcvbuf", "rcv-wnd", "group", "eos", "tether",
        "init-term-id", "term-id", "term-offset", "ssc", "fc", "gtag", "cc", "max-resend", "nak-delay",
        "untethered-window-limit-timeout", "untethered-resting-timeout", "stream-id", "response-endpoint");
    private static final Set<String> ALL_PARAMS = union(RINGLINE_PARAMS, AERON_PARAMS);

    /**
     * @param uri a parsed {@code aeron:udp...} or {@code aeron:ipc...} URI.
     * @return the channel.
     * @throws IllegalArgumentException naming the URI and what is wrong.
     */
    public static AeronChannel parse(final ChannelUri uri)
    {
        uri.requireOnly(ALL_PARAMS);
        final String media = uri.target();
        if (!"udp".equals(media) && !"ipc".equals(media))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' media='" + media +
                "' must be udp or ipc (aeron:udp?endpoint=host:port, aeron:ipc)");
        }
        if ("udp".equals(media) && !uri.has("endpoint") && !uri.has("control"))
        {
            throw new IllegalArgumentException("channel URI '" + uri +
                "' needs endpoint=host:port (or control=host:port for multi-destination-cast)");
        }
        final StringBuilder channel = new StringBuilder("aeron:").append(media);
        char separator = '?';
        for (final Map.Entry<String, String> param : uri.params().entrySet())
        {
            if (!RINGLINE_PARAMS.contains(param.getKey()))
            {
                channel.append(separator).append(param.getKey()).append('=').append(param.getValue());
                separator = '|';
            }
        }
        final String driver = uri.get("driver", System.getProperty(DRIVER_PROP_NAME, AUTO));
        if (!EMBEDDED.equals(driver) && !EXTERNAL.equals(driver) && !AUTO.equals(driver))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' driver=" + driver +
                " must be embedded, external or auto");
        }
        return new AeronChannel(channel.toString(), uri.integer("stream", STREAM_DEFAULT, 1, Integer.MAX_VALUE),
            driver);
    }

    private static Set<String> union(final Set<String> a, final Set<String> b)
    {
        final java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
