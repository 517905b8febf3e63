package io.ringline.ring;

import io.ringline.ChannelUri;
import io.ringline.Ringline;

import java.util.HashSet;
import java.util.Set;

/**
 * The parameters of a ring channel URI, validated, with the context's defaults filled in.
 *
 * <table>
 *   <caption>Ring URI parameters</caption>
 *   <tr><th>name</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>capacity</td><td>data bytes, a power of two, 4k to 1g</td><td>context's ringCapacity (1m)</td></tr>
 *   <tr><td>max-msg</td><td>largest payload of one record (and of tryClaim)</td><td>min(capacity/8, 64k)</td></tr>
 *   <tr><td>max-fragmented</td><td>largest message offer fragments; 0 refuses anything over max-msg</td>
 *       <td>capacity/4</td></tr>
 *   <tr><td>subscribers</td><td>subscriber slots</td><td>16</td></tr>
 *   <tr><td>publishers</td><td>publisher slots</td><td>16</td></tr>
 *   <tr><td>timestamps</td><td>stamp every record with its publish time</td><td>false</td></tr>
 *   <tr><td>latency</td><td>subscribers record publish-to-delivery latency into histograms in the channel
 *       (implies timestamps); read by {@code ringline stat}</td><td>false</td></tr>
 *   <tr><td>perm</td><td>octal permission bits of a created channel</td><td>600</td></tr>
 *   <tr><td>create</td><td>create the channel when missing</td><td>true</td></tr>
 *   <tr><td>any-owner</td><td>open a channel that another user owns (refused by default, since its owner could
 *       truncate or rewrite it under this process)</td><td>false</td></tr>
 *   <tr><td>wait</td><td>how {@code receive} waits: spin, yield, backoff, futex, posixsem, sysvsem; on the
 *       creator's URI also the channel's default</td><td>backoff</td></tr>
 *   <tr><td>wakeups</td><td>publishers wake sleeping subscribers (needed by futex, posixsem, sysvsem)</td>
 *       <td>true when wait sleeps</td></tr>
 *   <tr><td>types</td><td>(subscriber only) message types to receive, e.g. 1,2,7</td><td>all</td></tr>
 *   <tr><td>from</td><td>(subscriber only) the position to join at, a record boundary within the last lap (a
 *       {@code Header.position()} this channel delivered, still in the ring); refused when overwritten. The
 *       resume point of a restarted reader, e.g. a bridge</td><td>the tail</td></tr>
 * </table>
 *
 * <p>The creator's values are stored in the channel's header; an opener that sets one explicitly must agree with it.
 */
final class RingParams
{
    static final Set<String> CHANNEL_PARAMS = Set.of(
        "capacity", "max-msg", "max-fragmented", "subscribers", "publishers", "timestamps", "latency", "perm", "create", "wait",
        "wakeups", "any-owner");
    static final Set<String> SUBSCRIBER_PARAMS = union(union(CHANNEL_PARAMS, "types"), "from");
    /** {@link #from} when the subscriber joins at the tail. */
    static final long FROM_TAIL = -1;

    static final int DEFAULT_SLOTS = 16;

    final ChannelUri uri;
    final int capacity;
    final int maxMsgLength;
    final int maxFragmentedLength;
    final int subscriberSlots;
    final int publisherSlots;
    final boolean timestamps;
    final boolean latency;
    final int perm;
    final boolean create;
    final boolean anyOwner;
    final int[] types;
    final long from;
    final WaitMode wait;
    final boolean wakeups;

    private RingParams(final ChannelUri uri, final Ringline.Context context, final boolean subscriber)
    {
        this.uri = uri;
        uri.requireOnly(subscriber ? SUBSCRIBER_PARAMS : CHANNEL_PARAMS);

        capacity = uri.size("capacity", context.ringCapacity(), RingDescriptor.MIN_CAPACITY,
            RingDescriptor.MAX_CAPACITY);
        RingDescriptor.checkCapacity(capacity, uri.toString());

        final int largestRecord = capacity / 2 - RecordDescriptor.HEADER_LENGTH;
        maxMsgLength = uri.maxMsg(Math.min(capacity / 8, 64 * 1024), largestRecord);
        maxFragmentedLength = uri.size("max-fragmented", Math.max(capacity / 4, maxMsgLength), 0, capacity);
        if (maxFragmentedLength != 0 && maxFragmentedLength < maxMsgLength)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' max-fragmented=" + maxFragmentedLength +
                " must be 0 or at least max-msg=" + maxMsgLength);
        }
        if (maxFragmentedLength != 0 && fragmentedClaimLength(maxFragmentedLength, maxMsgLength) > capacity / 2)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' max-fragmented=" + maxFragmentedLength +
                " takes more than half of capacity=" + capacity + " once framed; lower it or raise capacity");
        }

        subscriberSlots = uri.integer("subscribers", DEFAULT_SLOTS, 1, RingDescriptor.MAX_SUBSCRIBER_SLOTS);
        publisherSlots = uri.integer("publishers", DEFAULT_SLOTS, 1, RingDescriptor.MAX_PUBLISHER_SLOTS);
        latency = uri.bool("latency", false);
        timestamps = uri.bool("timestamps", latency);
        if (latency && !timestamps)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' latency=true needs the publish timestamps, " +
                "but it says timestamps=false");
        }
        perm = uri.perm();
        create = uri.bool("create", true);
        anyOwner = uri.bool("any-owner", false);
        types = subscriber ? uri.integers("types") : null;
        from = subscriber ? position(uri) : FROM_TAIL;
        wait = WaitMode.from(uri, null);
        wakeups = uri.bool("wakeups", null != wait && wait.isBlocking());
        if (null != wait && wait.isBlocking() && !wakeups)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' wait=" + uri.get("wait", "") +
                " sleeps and needs wakeups, but it says wakeups=false");
        }
    }

    private static long position(final ChannelUri uri)
    {
        final String text = uri.get("from", null);
        if (null == text)
        {
            return FROM_TAIL;
        }
        try
        {
            final long position = Long.parseLong(text);
            if (position >= 0 && (position & (RecordDescriptor.ALIGNMENT - 1)) == 0)
            {
                return position;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // reported below
        }
        throw new IllegalArgumentException("channel URI '" + uri + "' from=" + text + " must be a record position: " +
            "0 or more, a multiple of " + RecordDescriptor.ALIGNMENT);
    }

    static RingParams forPublisher(final ChannelUri uri, final Ringline.Context context)
    {
        return new RingParams(uri, context, false);
    }

    static RingParams forSubscriber(final ChannelUri uri, final Ringline.Context context)
    {
        return new RingParams(uri, context, true);
    }

    /**
     * Bytes a fragmented message takes in the ring: full fragments of maxMsgLength plus the remainder, each framed.
     * A long: a small max-msg frames each byte of a large message in 64 bytes, past the range of an int.
     */
    static long fragmentedClaimLength(final int length, final int maxMsgLength)
    {
        return RecordDescriptor.fragmentedLength(length, maxMsgLength);
    }

    int headerLength()
    {
        return RingDescriptor.headerLength(publisherSlots, subscriberSlots);
    }

    private static Set<String> union(final Set<String> set, final String extra)
    {
        final Set<String> union = new HashSet<>(set);
        union.add(extra);
        return Set.copyOf(union);
    }
}
