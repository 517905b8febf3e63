package io.ringline.tools.inspect;

/**
 * A channel found on this machine, or an object that looks like one but is not valid.
 *
 * @param location where it lives.
 * @param owner    the owning user.
 * @param size     bytes of the file or segment.
 * @param status   its snapshot; null when it is not a valid channel.
 * @param error    why it is not a valid channel; null when it is.
 */
public record ChannelEntry(ChannelLocation location, String owner, long size, ChannelStatus status, String error)
{
    /**
     * @return true when the channel is valid and a running process holds one of its slots.
     */
    public boolean isLive()
    {
        return null != status && status.hasLivePeers();
    }
}
