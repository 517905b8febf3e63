package io.ringline.journal;

import io.ringline.ChannelUri;
import io.ringline.Ringline;
import io.ringline.os.Owner;
import io.ringline.ring.RecordDescriptor;
import io.ringline.ring.WaitMode;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a journal URI, {@code journal:/abs/dir?name=value&...}, validated, with defaults filled in.
 *
 * <table>
 *   <caption>Journal URI parameters</caption>
 *   <tr><th>name</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>segment</td><td>record bytes per segment file, a power of two, 64k to 1g</td><td>64m</td></tr>
 *   <tr><td>max-msg</td><td>largest payload of one record (and of tryClaim)</td><td>min(segment/8, 64k)</td></tr>
 *   <tr><td>max-fragmented</td><td>largest message offer fragments; 0 refuses anything over max-msg</td>
 *       <td>min(segment/4, 16m)</td></tr>
 *   <tr><td>publishers</td><td>publisher slots (claim ranges for crash recovery)</td><td>64</td></tr>
 *   <tr><td>cursors</td><td>cursor table entries: open subscribers plus named cursors</td><td>64</td></tr>
 *   <tr><td>retain</td><td>segments kept behind the tail (a count), or bytes (with a k, m or g suffix, rounded up
 *       to segments), or an age ({@code age:} and a number with ms, s, m, h or d: a segment goes once the next
 *       segment's first record is older); 0 keeps all</td><td>0</td></tr>
 *   <tr><td>sync</td><td>none (page cache), data ({@code msync} of each commit's pages), full (data and the tail's
 *       page)</td><td>none</td></tr>
 *   <tr><td>perm</td><td>octal permission bits of created files (the directory gets x where r is set)</td>
 *       <td>600</td></tr>
 *   <tr><td>create</td><td>create the journal when missing</td><td>true</td></tr>
 *   <tr><td>any-owner</td><td>open a journal another user owns</td><td>false</td></tr>
 *   <tr><td>unblock-timeout</td><td>ms a subscriber waits on a dead publisher's claim before skipping it</td>
 *       <td>context's unblockTimeoutMs</td></tr>
 *   <tr><td>from</td><td>(subscriber) start, end, a position, or time:EPOCH_NS; a named cursor that exists resumes
 *       instead</td><td>end</td></tr>
 *   <tr><td>name</td><td>(subscriber) a named cursor, 1 to 32 of [A-Za-z0-9_.-]</td><td>none</td></tr>
 *   <tr><td>types</td><td>(subscriber) message types to receive, e.g. 1,2,7</td><td>all</td></tr>
 *   <tr><td>wait</td><td>(subscriber) how receive waits: spin, yield, backoff, or asleep: futex, posixsem, sysvsem</td><td>backoff</td></tr>
 * </table>
 *
 * <p>The creator's values are stored in the metadata file; an opener that sets one explicitly must agree with it.
 */
final class JournalParams
{
    static final Set<String> JOURNAL_PARAMS = Set.of(
        "segment", "max-msg", "max-fragmented", "publishers", "cursors", "retain", "sync", "perm", "create",
        Owner.ANY_OWNER, "unblock-timeout");
    static final Set<String> SUBSCRIBER_PARAMS = union(JOURNAL_PARAMS, Set.of("from", "name", "types", "wait"));

    static final int DEFAULT_SEGMENT_SIZE = 64 << 20;
    static final int DEFAULT_SLOTS = 64;
    static final long FROM_START = -1;
    static final long FROM_END = -2;

    private static final String AGE_PREFIX = "age:";
    private static final Pattern AGE = Pattern.compile("([0-9]{1,18})(ms|s|m|h|d)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    final ChannelUri uri;
    final Path directory;
    final int segmentSize;
    final int maxMsgLength;
    final int maxFragmentedLength;
    final int publisherSlots;
    final int cursors;
    final int retainSegments;
    final long retainAgeMs;
    final int syncMode;
    final int perm;
    final boolean create;
    final int ownerUid;
    final long unblockTimeoutMs;
    final long from;
    final long fromTimeNs;
    final String cursorName;
    final int[] types;
    final WaitMode wait;

    private JournalParams(final ChannelUri uri, final Ringline.Context context, final boolean subscriber)
    {
        this.uri = uri;
        uri.requireOnly(subscriber ? SUBSCRIBER_PARAMS : JOURNAL_PARAMS);
        directory = directory(uri);

        segmentSize = uri.size("segment", DEFAULT_SEGMENT_SIZE, JournalDescriptor.MIN_SEGMENT_SIZE,
            JournalDescriptor.MAX_SEGMENT_SIZE);
        if (Integer.bitCount(segmentSize) != 1)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' segment=" + segmentSize +
                " must be a power of two, e.g. 64k, 1m, 64m");
        }
        final int largestRecord = segmentSize / 2 - RecordDescriptor.HEADER_LENGTH;
        maxMsgLength = uri.size("max-msg", Math.min(segmentSize / 8, 64 * 1024), 1, largestRecord);
        maxFragmentedLength = uri.size("max-fragmented", Math.max(Math.min(segmentSize / 4, 16 << 20), maxMsgLength),
            0, segmentSize / 2);
        if (maxFragmentedLength != 0 && maxFragmentedLength < maxMsgLength)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' max-fragmented=" + maxFragmentedLength +
                " must be 0 or at least max-msg=" + maxMsgLength);
        }
        if (maxFragmentedLength != 0 &&
            RecordDescriptor.fragmentedLength(maxFragmentedLength, maxMsgLength) > segmentSize / 2)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' max-fragmented=" + maxFragmentedLength +
                " takes more than half of segment=" + segmentSize + " once framed; lower it or raise segment");
        }
        publisherSlots = uri.integer("publishers", DEFAULT_SLOTS, 1, JournalDescriptor.MAX_PUBLISHER_SLOTS);
        cursors = uri.integer("cursors", DEFAULT_SLOTS, 1, JournalDescriptor.MAX_CURSORS);
        final String retainText = uri.get("retain", "0");
        retainAgeMs = retainText.startsWith(AGE_PREFIX) ? retainAge(uri, retainText) : 0;
        retainSegments = retainText.startsWith(AGE_PREFIX) ? 0 : retain(uri, retainText, segmentSize);
        syncMode = sync(uri);
        perm = uri.perm();
        create = uri.bool("create", true);
        ownerUid = Owner.expectedUid(uri);
        unblockTimeoutMs = uri.integer("unblock-timeout", (int)Math.min(Integer.MAX_VALUE,
            context.unblockTimeoutMs()), 1, Integer.MAX_VALUE);

        final String fromText = uri.get("from", "end");
        long fromTime = -1;
        if ("start".equals(fromText))
        {
            from = FROM_START;
        }
        else if ("end".equals(fromText))
        {
            from = FROM_END;
        }
        else if (fromText.startsWith("time:"))
        {
            from = FROM_START;
            fromTime = parseLong(uri, "from", fromText.substring(5), "time:EPOCH_NS, e.g. time:1764900000000000000");
        }
        else
        {
            from = parseLong(uri, "from", fromText, "start, end, a position or time:EPOCH_NS");
            if ((from & (RecordDescriptor.ALIGNMENT - 1)) != 0)
            {
                throw new IllegalArgumentException("channel URI '" + uri + "' from=" + from +
                    " is not a record position: positions are multiples of " + RecordDescriptor.ALIGNMENT);
            }
        }
        fromTimeNs = fromTime;
        cursorName = uri.get("name", null);
        if (null != cursorName && !NAME.matcher(cursorName).matches())
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' name=" + cursorName +
                " must be 1 to 32 of [A-Za-z0-9_.-]");
        }
        types = subscriber ? uri.integers("types") : null;
        wait = WaitMode.from(uri, WaitMode.BACKOFF);
    }

    static JournalParams forPublisher(final ChannelUri uri, final Ringline.Context context)
    {
        return new JournalParams(uri, context, false);
    }

    static JournalParams forSubscriber(final ChannelUri uri, final Ringline.Context context)
    {
        return new JournalParams(uri, context, true);
    }

    /**
     * @param uri a journal URI.
     * @return its directory: absolute and normalised.
     */
    static Path directory(final ChannelUri uri)
    {
        final String target = uri.target();
        final Path path = Path.of(target);
        if (!path.isAbsolute() || !path.normalize().equals(path) || target.endsWith("/") || target.equals("/"))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' directory '" + target +
                "' must be an absolute, normalised path (no '.', '..', '//' or trailing '/'), " +
                "e.g. journal:/var/lib/app/orders");
        }
        return path;
    }

    /**
     * @param what a field name as the URI spells it.
     * @return true when the URI sets it, so the stored value must agree.
     */
    boolean sets(final String what)
    {
        return uri.has(what);
    }

    private static int retain(final ChannelUri uri, final String text, final int segmentSize)
    {
        final boolean bytes = !text.isEmpty() && Character.isLetter(text.charAt(text.length() - 1));
        final long value = ChannelUri.parseSize(text);
        if (value < 0 || (!bytes && value > Integer.MAX_VALUE))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' retain=" + text +
                " must be a segment count (e.g. 8), bytes with a k, m or g suffix (e.g. 512m) or an age (e.g. age:7d)");
        }
        return (int)Math.min(Integer.MAX_VALUE, bytes ? (value + segmentSize - 1) / segmentSize : value);
    }

    // age:N with a unit, ms, s, m, h or d; at least 1 ms.
    private static long retainAge(final ChannelUri uri, final String text)
    {
        final Matcher matcher = AGE.matcher(text.substring(AGE_PREFIX.length()));
        if (matcher.matches())
        {
            try
            {
                final long value = Long.parseLong(matcher.group(1));
                final long unitMs = "ms".equals(matcher.group(2)) ? 1 : "s".equals(matcher.group(2)) ? 1000 :
                    "m".equals(matcher.group(2)) ? 60_000 : "h".equals(matcher.group(2)) ? 3_600_000 : 86_400_000;
                if (value > 0)
                {
                    return Math.multiplyExact(value, unitMs);
                }
            }
            catch (final ArithmeticException | NumberFormatException ignore)
            {
                // reported below
            }
        }
        throw new IllegalArgumentException("channel URI '" + uri + "' retain=" + text +
            " must be age: and a positive number with ms, s, m, h or d, e.g. age:10m or age:500ms");
    }

    private static int sync(final ChannelUri uri)
    {
        final String text = uri.get("sync", "none");
        switch (text)
        {
            case "none":
                return JournalDescriptor.SYNC_NONE;
            case "data":
                return JournalDescriptor.SYNC_DATA;
            case "full":
                return JournalDescriptor.SYNC_FULL;
            default:
                throw new IllegalArgumentException("channel URI '" + uri + "' sync=" + text +
                    " must be none, data or full");
        }
    }

    private static long parseLong(final ChannelUri uri, final String name, final String text, final String expected)
    {
        try
        {
            final long value = Long.parseLong(text);
            if (value >= 0)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // reported below
        }
        throw new IllegalArgumentException("channel URI '" + uri + "' " + name + "=" + text + " must be " + expected);
    }

    private static Set<String> union(final Set<String> set, final Set<String> extra)
    {
        final Set<String> union = new HashSet<>(set);
        union.addAll(extra);
        return Set.copyOf(union);
    }
}
