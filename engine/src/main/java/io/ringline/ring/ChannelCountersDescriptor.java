package io.ringline.ring;

/**
 * Byte layout of a ring channel's counters: int64 totals in the channel header from byte 384 (layout 1.1), so that
 * another process ({@code ringline stat}) reads them without joining the channel. Each counts events since the
 * channel was created, by every process that used it.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Back-pressure events                          | 384
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Not-connected events                          | 392
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Subscriber evictions                          | 400
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Publisher evictions                           | 408
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Unblocks (dead claims turned into padding)    | 416
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to byte 1024                  | 424
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Only failure paths write them, never a successful {@code offer}, {@code tryClaim} or {@code poll}: an
 * {@code offer}/{@code tryClaim} that returns {@code BACK_PRESSURED} or {@code NOT_CONNECTED}, a publisher that evicts
 * a stalled subscriber ({@code ADMIN_ACTION}), a conductor that frees a dead peer's slot or pads a dead publisher's
 * claim. Several processes may count at once, so each increment is an atomic add; a channel created by layout 1.0
 * code keeps zeros there, which read as "nothing counted". {@link ChannelCounters} reads and counts them.
 */
public final class ChannelCountersDescriptor
{
    /** Offset of the count of claims refused because the slowest subscriber is a whole ring behind. */
    public static final int BACK_PRESSURE_OFFSET = RingDescriptor.COUNTERS_OFFSET;
    /** Offset of the count of claims refused because no subscriber was active. */
    public static final int NOT_CONNECTED_OFFSET = RingDescriptor.COUNTERS_OFFSET + 8;
    /** Offset of the count of subscriber slots freed: dead process, stale heartbeat, or a stalled slowest reader. */
    public static final int SUBSCRIBER_EVICTIONS_OFFSET = RingDescriptor.COUNTERS_OFFSET + 16;
    /** Offset of the count of publisher slots freed because their process died or stopped heartbeating. */
    public static final int PUBLISHER_EVICTIONS_OFFSET = RingDescriptor.COUNTERS_OFFSET + 24;
    /** Offset of the count of dead publishers' claims turned into padding ({@link Unblocker}). */
    public static final int UNBLOCKS_OFFSET = RingDescriptor.COUNTERS_OFFSET + 32;
    /** Bytes of counters in use; the rest of the block up to the publisher slots is reserved. */
    public static final int COUNTERS_LENGTH = 40;

    private ChannelCountersDescriptor()
    {
    }
}
