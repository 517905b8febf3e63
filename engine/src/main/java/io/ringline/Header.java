package io.ringline;

/**
 * What a subscriber knows of a message besides its payload. One instance per subscriber, reused for every message:
 * read it inside {@link MessageHandler#onMessage}, do not keep it.
 */
public final class Header
{
    private int type;
    private long position;
    private long timestampNs;
    private int publisherId;

    /**
     * Sets every field; called by the subscriber that owns this header before each message.
     *
     * @param type        message type.
     * @param position    stream position just after the message.
     * @param timestampNs publish time in ns (CLOCK_MONOTONIC), or 0 when the channel does not stamp messages.
     * @param publisherId publisher slot index, or -1 where the transport has none.
     */
    public void set(final int type, final long position, final long timestampNs, final int publisherId)
    {
        this.type = type;
        this.position = position;
        this.timestampNs = timestampNs;
        this.publisherId = publisherId;
    }

    /**
     * @return the message type given to {@code offer} or {@code tryClaim}.
     */
    public int type()
    {
        return type;
    }

    /**
     * @return the stream position just after this message (where a subscriber resumes), as in Aeron.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return publish time in nanoseconds of {@code System.nanoTime()} (CLOCK_MONOTONIC, comparable across processes
     * on one host), or 0 when the channel was created without {@code timestamps=true}.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    /**
     * @return index of the publisher slot that wrote the message, or -1 where the transport has none.
     */
    public int publisherId()
    {
        return publisherId;
    }

    @Override
    public String toString()
    {
        return "Header{type=" + type + ", position=" + position + ", timestampNs=" + timestampNs +
            ", publisherId=" + publisherId + "}";
    }
}
