package io.ringline.ring;

import io.ringline.RinglineException;
import io.ringline.sync.EventCountDescriptor;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;

import java.util.zip.CRC32C;

/**
 * Byte layout of a ring channel's header: the first {@code headerLength} bytes of the shared region, before the
 * ring's data. All fields are little-endian. {@code docs/layout.md} draws the same structure; keep the two in step.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Magic "RINGLINE" (ready word)                 |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Layout version (major << 16 | minor)          |  8
 *  +---------------------------------------------------------------+
 *  |                 Header length (bytes, multiple of 4096)       | 12
 *  +---------------------------------------------------------------+
 *  |                 Capacity (data bytes, power of two)           | 16
 *  +---------------------------------------------------------------+
 *  |                 Max message length (payload of one record)    | 20
 *  +---------------------------------------------------------------+
 *  |                 Max fragmented length (0: no fragmentation)   | 24
 *  +---------------------------------------------------------------+
 *  |                 Subscriber slot count                         | 28
 *  +---------------------------------------------------------------+
 *  |                 Publisher slot count                          | 32
 *  +---------------------------------------------------------------+
 *  |                 Flags (bit 0 timestamps, bit 1 wakeups,       | 36
 *  |                 bit 2 latency, bits 8-11 default wait mode)   |
 *  +---------------------------------------------------------------+
 *  |                 Salt (random, top bit set)                    | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Creator pid                                   | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Creator start time (ticks since boot)         | 56
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Created at (ms since epoch)                   | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Header checksum (CRC32C of bytes 8..71)       | 72
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to byte 128                   | 76
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Tail position (publishers' claim), int64      | 128
 *  |                 alone in bytes 128..255                       |
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Wake sequence (futex word), int32             | 256
 *  +---------------------------------------------------------------+
 *  |                 Waiters on the futex (EventCount at 256)      | 260
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to byte 320                   | 264
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Sleepers, all modes, int32                    | 320
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0)                                  | 324
 *  +---------------------------------------------------------------+
 *  |                 Sleepers on the POSIX semaphore               | 328
 *  +---------------------------------------------------------------+
 *  |                 Sleepers on the System V semaphore            | 332
 *  +---------------------------------------------------------------+
 *  |                 System V semaphore id + 1 (0: none yet)       | 336
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to byte 384                   | 340
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Counters: 5 x int64, ChannelCountersDescriptor| 384
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to byte 1024                  | 424
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Publisher slots: count x 64 bytes             | 1024
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Subscriber slots: count x 128 bytes           | S
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Zero up to headerLength                       |
 *  +---------------------------------------------------------------+
 *  |                 Ring data: capacity bytes                     | headerLength
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 With flag bit 2 (latency): one histogram per  | L
 *  |                 subscriber slot, LatencyHistogramDescriptor   |
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>{@code S} is {@link #subscriberSlotsOffset(int)} and {@code headerLength} is {@link #headerLength(int, int)}:
 * 2048 and 4096 with the default 16 publisher and 16 subscriber slots. {@code L} is {@code headerLength + capacity}.
 *
 * <p>The creator writes every field, then the magic with release semantics: a reader that sees the magic with an
 * acquire load sees the whole header. Bytes 8 to 71 never change after that and are covered by the checksum.
 */
public final class RingDescriptor
{
    /** "RINGLINE" in ASCII, read as a little-endian long. */
    public static final long MAGIC = 0x454E494C474E4952L;
    /**
     * Major layout version: a reader refuses another major version. 2: the futex's waiters are counted next to the wake
     * sequence, an {@link io.ringline.sync.EventCount} (1.x counted them at 324).
     */
    public static final int LAYOUT_MAJOR = 2;
    /**
     * Minor layout version: additions a reader of the same major version can ignore. 1: with {@link #FLAG_LATENCY}, a
     * latency histogram per subscriber slot after the ring's data ({@link LatencyHistogramDescriptor}); a 2.0 reader
     * maps the whole region, ignores the flag and the area, and its subscribers record nothing.
     */
    public static final int LAYOUT_MINOR = 1;
    /** The version word this code writes. */
    public static final int LAYOUT_VERSION = LAYOUT_MAJOR << 16 | LAYOUT_MINOR;

    /** Offset of the magic (the ready word). */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version. */
    public static final int LAYOUT_VERSION_OFFSET = 8;
    /** Offset of the header length. */
    public static final int HEADER_LENGTH_OFFSET = 12;
    /** Offset of the data capacity. */
    public static final int CAPACITY_OFFSET = 16;
    /** Offset of the largest payload of one record. */
    public static final int MAX_MSG_LENGTH_OFFSET = 20;
    /** Offset of the largest message a publisher fragments. */
    public static final int MAX_FRAGMENTED_LENGTH_OFFSET = 24;
    /** Offset of the number of subscriber slots. */
    public static final int SUBSCRIBER_SLOT_COUNT_OFFSET = 28;
    /** Offset of the number of publisher slots. */
    public static final int PUBLISHER_SLOT_COUNT_OFFSET = 32;
    /** Offset of the channel flags. */
    public static final int FLAGS_OFFSET = 36;
    /** Offset of the salt mixed into record tags. */
    public static final int SALT_OFFSET = 40;
    /** Offset of the creator's pid. */
    public static final int CREATOR_PID_OFFSET = 48;
    /** Offset of the creator's start time. */
    public static final int CREATOR_START_TIME_OFFSET = 56;
    /** Offset of the creation time. */
    public static final int CREATED_EPOCH_MS_OFFSET = 64;
    /** Offset of the header checksum. */
    public static final int CHECKSUM_OFFSET = 72;
    /** First byte covered by the checksum. */
    public static final int CHECKSUM_FROM = LAYOUT_VERSION_OFFSET;
    /** Offset of the publishers' tail position. */
    public static final int TAIL_OFFSET = 128;
    /**
     * Offset of the channel's {@link io.ringline.sync.EventCount}, whose sequence is the futex word that sleeping
     * subscribers wait on; publishers signal it to wake them.
     */
    public static final int WAKE_SEQUENCE_OFFSET = 256;
    /** Offset of the count of subscribers asleep on the futex: the event count's waiters. */
    public static final int FUTEX_WAITERS_OFFSET = WAKE_SEQUENCE_OFFSET + EventCountDescriptor.WAITERS_OFFSET;
    /** Offset of the count of subscribers asleep in any mode; publishers read it after every claim. */
    public static final int SLEEPERS_OFFSET = 320;
    /** Offset of the count of subscribers asleep on the POSIX semaphore. */
    public static final int POSIXSEM_SLEEPERS_OFFSET = 328;
    /** Offset of the count of subscribers asleep on the System V semaphore. */
    public static final int SYSVSEM_SLEEPERS_OFFSET = 332;
    /** Offset of the channel's System V semaphore id plus one; 0 until a subscriber first needs it. */
    public static final int SYSVSEM_ID_OFFSET = 336;
    /** Offset of the counters block. */
    public static final int COUNTERS_OFFSET = 384;
    /** Offset of the first publisher slot. */
    public static final int PUBLISHER_SLOTS_OFFSET = 1024;

    /** Flag: publishers write a timestamp into every record. */
    public static final int FLAG_TIMESTAMPS = 1;
    /** Flag: subscribers may sleep; publishers check for sleepers after every claim and wake them. */
    public static final int FLAG_WAKEUPS = 2;
    /**
     * Flag: subscribers record publish-to-delivery latency into histograms after the ring's data (implies
     * {@link #FLAG_TIMESTAMPS}).
     */
    public static final int FLAG_LATENCY = 4;
    /** Shift of the channel's default wait mode ({@link WaitMode#ordinal()}) in the flags. */
    public static final int WAIT_MODE_SHIFT = 8;
    /** Mask of the channel's default wait mode in the flags, after shifting. */
    public static final int WAIT_MODE_MASK = 0xF;

    /** Header lengths and the data start are multiples of this. */
    public static final int PAGE_SIZE = 4096;
    /** Smallest ring capacity. */
    public static final int MIN_CAPACITY = 4096;
    /** Largest ring capacity: 1 GiB. */
    public static final int MAX_CAPACITY = 1 << 30;
    /** Most subscriber slots in a channel. */
    public static final int MAX_SUBSCRIBER_SLOTS = 1024;
    /** Most publisher slots in a channel. */
    public static final int MAX_PUBLISHER_SLOTS = 256;

    private RingDescriptor()
    {
    }

    /**
     * @param publisherSlots number of publisher slots.
     * @return offset of the first subscriber slot.
     */
    public static int subscriberSlotsOffset(final int publisherSlots)
    {
        return BitUtil.align(
            PUBLISHER_SLOTS_OFFSET + publisherSlots * PublisherSlotDescriptor.SLOT_LENGTH,
            SubscriberSlotDescriptor.SLOT_LENGTH);
    }

    /**
     * @param publisherSlots  number of publisher slots.
     * @param subscriberSlots number of subscriber slots.
     * @return length of the header, where the ring's data starts.
     */
    public static int headerLength(final int publisherSlots, final int subscriberSlots)
    {
        return BitUtil.align(
            subscriberSlotsOffset(publisherSlots) + subscriberSlots * SubscriberSlotDescriptor.SLOT_LENGTH, PAGE_SIZE);
    }

    /**
     * @param subscriberSlots number of subscriber slots.
     * @return bytes of the latency histograms after the ring's data, when the channel has them.
     */
    public static long latencyAreaLength(final int subscriberSlots)
    {
        return (long)subscriberSlots * LatencyHistogramDescriptor.LENGTH;
    }

    /**
     * Checks a capacity is a power of two in range.
     *
     * @param capacity data bytes.
     * @param channel  the channel, for the message.
     */
    public static void checkCapacity(final int capacity, final String channel)
    {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || !BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("capacity=" + capacity + " must be a power of two in [" +
                MIN_CAPACITY + ", " + MAX_CAPACITY + "], channel=" + channel);
        }
    }

    /**
     * CRC32C of the header bytes that never change after creation ({@link #CHECKSUM_FROM} up to the checksum).
     *
     * @param buffer the channel's region.
     * @return the checksum to store at {@link #CHECKSUM_OFFSET}.
     */
    public static int checksum(final DirectBuffer buffer)
    {
        final byte[] bytes = new byte[CHECKSUM_OFFSET - CHECKSUM_FROM];
        buffer.getBytes(CHECKSUM_FROM, bytes);
        final CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int)crc.getValue();
    }

    /**
     * Validates a channel's header against the region that holds it, as every opener does: magic, major version,
     * checksum, consistent sizes and slot counts, and a region long enough for header and ring. Reads only; for
     * openers that join the channel and for tools that inspect it without joining.
     *
     * @param name   the channel, for messages.
     * @param buffer the whole region, header then ring.
     * @throws RinglineException naming the channel and what is wrong.
     */
    public static void checkHeader(final String name, final DirectBuffer buffer)
    {
        final String where = "channel=" + name + " ";
        final long magic = buffer.getLong(MAGIC_OFFSET);
        if (magic != MAGIC)
        {
            throw new RinglineException(where + "is not a Ringline channel: magic=0x" + Long.toHexString(magic) +
                " expected=0x" + Long.toHexString(MAGIC));
        }

        final int version = buffer.getInt(LAYOUT_VERSION_OFFSET);
        if (version >>> 16 != LAYOUT_MAJOR)
        {
            throw new RinglineException(where + "has layout version file=" + (version >>> 16) + "." +
                (version & 0xFFFF) + " app=" + LAYOUT_MAJOR + "." + LAYOUT_MINOR + ": incompatible major version, " +
                "made by " + (version >>> 16 < LAYOUT_MAJOR ? "an older" : "a newer") + " Ringline; processes of " +
                "both versions cannot share it: remove it (ringline rm, or Ringline.removeChannel) to create it anew");
        }

        final int stored = buffer.getInt(CHECKSUM_OFFSET);
        final int computed = checksum(buffer);
        if (stored != computed)
        {
            throw new RinglineException(where + "header is corrupt: checksum file=0x" + Integer.toHexString(stored) +
                " computed=0x" + Integer.toHexString(computed));
        }

        final int capacity = buffer.getInt(CAPACITY_OFFSET);
        final int subscriberSlots = buffer.getInt(SUBSCRIBER_SLOT_COUNT_OFFSET);
        final int publisherSlots = buffer.getInt(PUBLISHER_SLOT_COUNT_OFFSET);
        final int maxMsgLength = buffer.getInt(MAX_MSG_LENGTH_OFFSET);
        final int maxFragmentedLength = buffer.getInt(MAX_FRAGMENTED_LENGTH_OFFSET);
        final int headerLength = buffer.getInt(HEADER_LENGTH_OFFSET);
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1 ||
            subscriberSlots < 1 || subscriberSlots > MAX_SUBSCRIBER_SLOTS ||
            publisherSlots < 1 || publisherSlots > MAX_PUBLISHER_SLOTS ||
            maxMsgLength < 1 || maxMsgLength > capacity / 2 - RecordDescriptor.HEADER_LENGTH ||
            maxFragmentedLength < 0 || maxFragmentedLength > capacity ||
            (maxFragmentedLength != 0 && (maxFragmentedLength < maxMsgLength ||
            RingParams.fragmentedClaimLength(maxFragmentedLength, maxMsgLength) > capacity / 2)) ||
            headerLength != headerLength(publisherSlots, subscriberSlots))
        {
            throw new RinglineException(where + "header is inconsistent: capacity=" + capacity +
                " maxMsgLength=" + maxMsgLength + " maxFragmentedLength=" + maxFragmentedLength +
                " subscriberSlots=" + subscriberSlots + " publisherSlots=" + publisherSlots +
                " headerLength=" + headerLength);
        }

        final int flags = buffer.getInt(FLAGS_OFFSET);
        final long expectedLength = (long)headerLength + capacity +
            ((flags & FLAG_LATENCY) != 0 ? latencyAreaLength(subscriberSlots) : 0);
        if (buffer.capacity() < expectedLength)
        {
            throw new RinglineException(where + "is truncated: length=" + buffer.capacity() +
                " expected=" + expectedLength + " (headerLength=" + headerLength + " + capacity=" + capacity +
                ((flags & FLAG_LATENCY) != 0 ? " + latency histograms=" + latencyAreaLength(subscriberSlots) : "") +
                ")");
        }

        if (((flags >>> WAIT_MODE_SHIFT) & WAIT_MODE_MASK) >= WaitMode.values().length ||
            ((flags & FLAG_LATENCY) != 0 && (flags & FLAG_TIMESTAMPS) == 0))
        {
            throw new RinglineException(where + "header is inconsistent: flags=0x" + Integer.toHexString(flags));
        }
    }
}
