package io.ringline.tools.doctor;

import io.ringline.ChannelUri;
import io.ringline.Ringline;
import io.ringline.ring.RingTransportProvider;

import java.util.List;

/**
 * What the channels given to {@code ringline doctor --channel} take from the machine: the bytes of all {@code shm:}
 * channels (files in the shared-memory directory) and the largest {@code sysvshm:} segment. Other transports take
 * nothing the doctor weighs.
 *
 * @param shmBytes        bytes of the {@code shm:} channels together.
 * @param shmChannels     how many {@code shm:} channels.
 * @param largestSysVShm  bytes of the largest {@code sysvshm:} channel, 0 for none.
 */
public record ChannelNeeds(long shmBytes, int shmChannels, long largestSysVShm)
{
    /** No channel given. */
    public static final ChannelNeeds NONE = new ChannelNeeds(0, 0, 0);

    /**
     * @param uris    channel URIs.
     * @param context the defaults for what a URI does not say.
     * @return what they need.
     * @throws IllegalArgumentException naming a URI that is not valid.
     */
    public static ChannelNeeds of(final List<String> uris, final Ringline.Context context)
    {
        long shmBytes = 0;
        int shmChannels = 0;
        long largestSysVShm = 0;
        for (final String text : uris)
        {
            final ChannelUri uri = ChannelUri.parse(text);
            if ("shm".equals(uri.scheme()))
            {
                shmBytes += RingTransportProvider.regionLength(uri, context);
                shmChannels++;
            }
            else if ("sysvshm".equals(uri.scheme()))
            {
                largestSysVShm = Math.max(largestSysVShm, RingTransportProvider.regionLength(uri, context));
            }
        }
        return new ChannelNeeds(shmBytes, shmChannels, largestSysVShm);
    }

    /**
     * @param context the defaults.
     * @return bytes of one ring channel with the default capacity and slots.
     */
    public static long defaultChannelBytes(final Ringline.Context context)
    {
        return RingTransportProvider.regionLength(ChannelUri.parse("shm:doctor"), context);
    }
}
