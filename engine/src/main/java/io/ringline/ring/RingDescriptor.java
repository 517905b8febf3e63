package io.ringline.ring;

import org.agrona.BitUtil;

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
 *  |                 bits 8-11 default wait mode)                  |
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
 *  |                 Reserved up to byte 128                       | 76
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Tail position (publishers' claim)             | 128
 *  |                 (alone in its 128 bytes)                      |
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Wake sequence (futex word)                    | 256
 *  +---------------------------------------------------------------+
 *  |                 Reserved up to byte 320                       | 260
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Sleepers, all modes                           | 320
 *  +---------------------------------------------------------------+
 *  |                 Sleepers on the futex                         | 324
 *  +---------------------------------------------------------------+
 *  |                 Sleepers on the POSIX semaphore               | 328
 *  +---------------------------------------------------------------+
 *  |                 Sleepers on the System V semaphore            | 332
 *  +---------------------------------------------------------------+
 *  |                 System V semaphore id + 1 (0: none yet)       | 336
 *  +---------------------------------------------------------------+
 *  |                 Reserved up to byte 384                       | 340
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Counters (reserved, 640 bytes)                | 384
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Publisher slots: count x 64 bytes             | 1024
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Subscriber slots: count x 128 bytes           | subscriberSlotsOffset
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Zero padding up to headerLength               |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The creator writes every field, then the magic with release semantics: a reader that sees the magic with an
 * acquire load sees the whole header. Bytes 8 to 71 never change after that and are covered by the checksum.
 */
public final class RingDescriptor
{
    /** "RINGLINE" in ASCII, read as a little-endian long. */
    public static final long MAGIC = 0x454E494C474E4952L;
    /** Major layout version: a reader refuses another major version. */
    public static final int LAYOUT_MAJOR = 1;
    /** Minor layout version: additions a reader of the same major version can ignore. */
    public static final int LAYOUT_MINOR = 0;
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
    /** Offset of the futex word that sleeping subscribers wait on; publishers increment it to wake them. */
    public static final int WAKE_SEQUENCE_OFFSET = 256;
    /** Offset of the count of subscribers asleep in any mode; publishers read it after every claim. */
    public static final int SLEEPERS_OFFSET = 320;
    /** Offset of the count of subscribers asleep on the futex. */
    public static final int FUTEX_SLEEPERS_OFFSET = 324;
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
}
