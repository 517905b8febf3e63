package io.ringline.journal;

import io.ringline.RinglineException;
import io.ringline.ring.PublisherSlotDescriptor;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Byte layout of a journal's metadata file, {@code journal.meta} in the journal's directory, mapped shared by every
 * process that uses the journal. It holds what all of them must agree on, the tail (the publishers' claim counter),
 * the wake-up word, the publisher slots (the claim ranges crash recovery needs) and the cursor table.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Magic "RLJOURNL" (ready word)                 |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Layout version (major << 16 | minor)          |  8
 *  +---------------------------------------------------------------+
 *  |                 Segment size (record bytes, power of two)     | 12
 *  +---------------------------------------------------------------+
 *  |                 Max message length (payload of one record)    | 16
 *  +---------------------------------------------------------------+
 *  |                 Max fragmented length (0: no fragmentation)   | 20
 *  +---------------------------------------------------------------+
 *  |                 Publisher slot count                          | 24
 *  +---------------------------------------------------------------+
 *  |                 Cursor count                                  | 28
 *  +---------------------------------------------------------------+
 *  |                 Salt (random, top bit set)                    | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Created at (ms since epoch)                   | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Retained segments (0: keep all)               | 48
 *  +---------------------------------------------------------------+
 *  |                 Flags (bits 0-1 sync mode)                    | 52
 *  +---------------------------------------------------------------+
 *  |                 Header checksum (CRC32C of bytes 8..55)       | 56
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0)                                  | 60
 *  +---------------------------------------------------------------+
 *  |                 Retained age (ms, 0: no age limit), int64     | 64
 *  |                 (1.1; not in the checksum)                    |
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to byte 128                   | 72
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Tail position (publishers' claim), int64      | 128
 *  |                 alone in bytes 128..255                       |
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Wake-up event count: sequence, waiters        | 256
 *  |                 (io.ringline.sync.EventCount, 8 bytes)        |
 *  +---------------------------------------------------------------+
 *  |                 Sleepers, all wait modes (1.1)                | 264
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0)                                  | 268
 *  +---------------------------------------------------------------+
 *  |                 Sleepers on the POSIX semaphore (1.1)         | 272
 *  +---------------------------------------------------------------+
 *  |                 Sleepers on the System V semaphore (1.1)      | 276
 *  +---------------------------------------------------------------+
 *  |                 System V semaphore set id + 1 (1.1)           | 280
 *  +---------------------------------------------------------------+
 *  |                 Join requests pending (1.1, ReplayMerge)      | 284
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to byte 320                   | 288
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 First segment (lowest not deleted), int64     | 320
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to byte 384                   | 328
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Unblocks (dead claims turned into padding)    | 384
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Late rolls (segments a publisher created)     | 392
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Storage full (claims refused: no segment)     | 400
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Segments deleted by retention                 | 408
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to byte 1024                  | 416
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Publisher slots: count x 64 bytes             | 1024
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Cursors: count x 128 bytes                    | C
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Zero up to the file length                    |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>{@code C = align(1024 + 64 * publisherSlots, 128)}; the file is {@code align(C + 128 * cursors, 4096)} bytes.
 * Publisher slots have the ring's layout ({@link PublisherSlotDescriptor}); cursors are {@link CursorDescriptor}.
 * The creator writes every field, then the magic with release; the file is linked under its name only once complete.
 */
public final class JournalDescriptor
{
    /** "RLJOURNL" in ASCII as a little-endian int64. */
    public static final long MAGIC = 0x4C4E52554F4A4C52L;
    /** Layout major version. */
    public static final int LAYOUT_MAJOR = 1;
    /** Layout minor version. */
    public static final int LAYOUT_MINOR = 1;
    /** The layout version word: {@code major << 16 | minor}. */
    public static final int LAYOUT_VERSION = LAYOUT_MAJOR << 16 | LAYOUT_MINOR;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version. */
    public static final int LAYOUT_VERSION_OFFSET = 8;
    /** Offset of the segment size. */
    public static final int SEGMENT_SIZE_OFFSET = 12;
    /** Offset of the max message length. */
    public static final int MAX_MSG_LENGTH_OFFSET = 16;
    /** Offset of the max fragmented length. */
    public static final int MAX_FRAGMENTED_LENGTH_OFFSET = 20;
    /** Offset of the publisher slot count. */
    public static final int PUBLISHER_SLOT_COUNT_OFFSET = 24;
    /** Offset of the cursor count. */
    public static final int CURSOR_COUNT_OFFSET = 28;
    /** Offset of the salt. */
    public static final int SALT_OFFSET = 32;
    /** Offset of the creation time, ms since epoch. */
    public static final int CREATED_EPOCH_MS_OFFSET = 40;
    /** Offset of the number of segments retained (0: all). */
    public static final int RETAIN_SEGMENTS_OFFSET = 48;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = 52;
    /** Offset of the header checksum. */
    public static final int CHECKSUM_OFFSET = 56;
    /** Offset of the retained age in ms, 0 for no age limit (layout 1.1; zero in a 1.0 file). */
    public static final int RETAIN_AGE_MS_OFFSET = 64;
    /** Offset of the tail. */
    public static final int TAIL_OFFSET = 128;
    /** Offset of the wake-up event count. */
    public static final int WAKEUP_OFFSET = 256;
    /** Offset of the count of subscribers asleep in any wait mode; publishers read it after every commit (1.1). */
    public static final int SLEEPERS_OFFSET = 264;
    /** Offset of the count of subscribers asleep on the POSIX semaphore (1.1). */
    public static final int POSIXSEM_SLEEPERS_OFFSET = 272;
    /** Offset of the count of subscribers asleep on the System V semaphore (1.1). */
    public static final int SYSVSEM_SLEEPERS_OFFSET = 276;
    /** Offset of the journal's System V semaphore set id plus one; 0 until a subscriber first needs it (1.1). */
    public static final int SYSVSEM_ID_OFFSET = 280;
    /** Offset of the count of ReplayMerge join requests not yet answered: a recorder looks for them when not 0 (1.1). */
    public static final int JOIN_REQUESTS_OFFSET = 284;
    /** Offset of the index of the lowest segment not deleted. */
    public static final int FIRST_SEGMENT_OFFSET = 320;
    /** Counter: uncommitted claims of dead publishers turned into padding. */
    public static final int UNBLOCKS_OFFSET = 384;
    /** Counter: segments a publisher had to create itself at a roll (the conductor had not prepared them). */
    public static final int LATE_ROLLS_OFFSET = 392;
    /** Counter: claims refused because a segment could not be created (file system full). */
    public static final int STORAGE_FULL_OFFSET = 400;
    /** Counter: segments deleted by retention. */
    public static final int SEGMENTS_DELETED_OFFSET = 408;
    /** Offset of publisher slot 0. */
    public static final int PUBLISHER_SLOTS_OFFSET = 1024;

    /** Sync mode in flags bits 0-1: page cache only. */
    public static final int SYNC_NONE = 0;
    /** Sync mode: each commit writes its record's pages back ({@code msync(MS_SYNC)}). */
    public static final int SYNC_DATA = 1;
    /** Sync mode: as data, and the metadata page holding the tail. */
    public static final int SYNC_FULL = 2;
    /** Mask of the sync mode in the flags. */
    public static final int SYNC_MASK = 0x3;

    /** Smallest segment size. */
    public static final int MIN_SEGMENT_SIZE = 64 * 1024;
    /** Largest segment size (a segment file is mapped whole). */
    public static final int MAX_SEGMENT_SIZE = 1 << 30;
    /** Most publisher slots. */
    public static final int MAX_PUBLISHER_SLOTS = 256;
    /** Most cursors. */
    public static final int MAX_CURSORS = 1024;
    /** File lengths are multiples of this. */
    public static final int PAGE_SIZE = 4096;

    private JournalDescriptor()
    {
    }

    /**
     * @param publisherSlots publisher slot count.
     * @return offset of cursor 0.
     */
    public static int cursorsOffset(final int publisherSlots)
    {
        return align(PUBLISHER_SLOTS_OFFSET + publisherSlots * PublisherSlotDescriptor.SLOT_LENGTH,
            CursorDescriptor.CURSOR_LENGTH);
    }

    /**
     * @param publisherSlots publisher slot count.
     * @param cursors        cursor count.
     * @return length of the metadata file.
     */
    public static int fileLength(final int publisherSlots, final int cursors)
    {
        return align(cursorsOffset(publisherSlots) + cursors * CursorDescriptor.CURSOR_LENGTH, PAGE_SIZE);
    }

    /**
     * @param meta the metadata.
     * @return the CRC32C of bytes 8 to 55.
     */
    public static int checksum(final AtomicBuffer meta)
    {
        final byte[] bytes = new byte[CHECKSUM_OFFSET - LAYOUT_VERSION_OFFSET];
        meta.getBytes(LAYOUT_VERSION_OFFSET, bytes);
        final CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int)crc.getValue();
    }

    /**
     * Writes a new metadata file's header, the magic last with release.
     *
     * @param meta                the new file, zero.
     * @param segmentSize         record bytes per segment.
     * @param maxMsgLength        max payload of a record.
     * @param maxFragmentedLength max reassembled message, 0 for none.
     * @param publisherSlots      publisher slot count.
     * @param cursors             cursor count.
     * @param salt                random salt, top bit set.
     * @param retainSegments      segments retained, 0 for all.
     * @param retainAgeMs         age in ms beyond which a segment is deleted, 0 for no age limit.
     * @param flags               flags (sync mode).
     */
    static void initialise(
        final AtomicBuffer meta,
        final int segmentSize,
        final int maxMsgLength,
        final int maxFragmentedLength,
        final int publisherSlots,
        final int cursors,
        final long salt,
        final int retainSegments,
        final long retainAgeMs,
        final int flags)
    {
        meta.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        meta.putInt(SEGMENT_SIZE_OFFSET, segmentSize);
        meta.putInt(MAX_MSG_LENGTH_OFFSET, maxMsgLength);
        meta.putInt(MAX_FRAGMENTED_LENGTH_OFFSET, maxFragmentedLength);
        meta.putInt(PUBLISHER_SLOT_COUNT_OFFSET, publisherSlots);
        meta.putInt(CURSOR_COUNT_OFFSET, cursors);
        meta.putLong(SALT_OFFSET, salt);
        meta.putLong(CREATED_EPOCH_MS_OFFSET, System.currentTimeMillis());
        meta.putInt(RETAIN_SEGMENTS_OFFSET, retainSegments);
        meta.putInt(FLAGS_OFFSET, flags);
        meta.putLong(RETAIN_AGE_MS_OFFSET, retainAgeMs);
        meta.putInt(CHECKSUM_OFFSET, checksum(meta));
        meta.putLongRelease(MAGIC_OFFSET, MAGIC);
    }

    /**
     * Checks a metadata file before anything else of it is used.
     *
     * @param what   the journal and file, for messages.
     * @param meta   the mapped file.
     * @throws RinglineException naming the field and its value when the header is not a journal's of this layout.
     */
    public static void checkHeader(final String what, final AtomicBuffer meta)
    {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN)
        {
            throw new RinglineException("journals are little-endian; this machine is not");
        }
        if (meta.capacity() < PAGE_SIZE || meta.getLongVolatile(MAGIC_OFFSET) != MAGIC)
        {
            throw new RinglineException(what + " is not a journal's metadata file: magic=0x" +
                Long.toHexString(meta.capacity() < 8 ? 0 : meta.getLong(MAGIC_OFFSET)) + " expected=0x" +
                Long.toHexString(MAGIC));
        }
        final int version = meta.getInt(LAYOUT_VERSION_OFFSET);
        if (version >>> 16 != LAYOUT_MAJOR)
        {
            throw new RinglineException(what + " layout major version=" + (version >>> 16) + " expected=" +
                LAYOUT_MAJOR);
        }
        final int stored = meta.getInt(CHECKSUM_OFFSET);
        final int computed = checksum(meta);
        if (stored != computed)
        {
            throw new RinglineException(what + " header checksum=0x" + Integer.toHexString(stored) +
                " computed=0x" + Integer.toHexString(computed) + ": the header was overwritten");
        }
        final int segmentSize = meta.getInt(SEGMENT_SIZE_OFFSET);
        final int maxMsg = meta.getInt(MAX_MSG_LENGTH_OFFSET);
        final int maxFragmented = meta.getInt(MAX_FRAGMENTED_LENGTH_OFFSET);
        final int publishers = meta.getInt(PUBLISHER_SLOT_COUNT_OFFSET);
        final int cursors = meta.getInt(CURSOR_COUNT_OFFSET);
        if (Integer.bitCount(segmentSize) != 1 || segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE ||
            maxMsg < 1 || maxMsg > segmentSize / 2 - io.ringline.ring.RecordDescriptor.HEADER_LENGTH ||
            maxFragmented < 0 || maxFragmented > segmentSize / 2 ||
            publishers < 1 || publishers > MAX_PUBLISHER_SLOTS || cursors < 1 || cursors > MAX_CURSORS ||
            meta.capacity() < fileLength(publishers, cursors) ||
            meta.getLong(SALT_OFFSET) >= 0 || meta.getLong(RETAIN_AGE_MS_OFFSET) < 0)
        {
            throw new RinglineException(what + " inconsistent header: segmentSize=" + segmentSize + " maxMsg=" +
                maxMsg + " maxFragmented=" + maxFragmented + " publisherSlots=" + publishers + " cursors=" +
                cursors + " length=" + meta.capacity() + " salt=0x" + Long.toHexString(meta.getLong(SALT_OFFSET)) +
                " retainAgeMs=" + meta.getLong(RETAIN_AGE_MS_OFFSET));
        }
    }

    /**
     * Adds one to a counter.
     *
     * @param meta          the metadata.
     * @param counterOffset one of the counter offsets.
     */
    static void increment(final AtomicBuffer meta, final int counterOffset)
    {
        meta.getAndAddLong(counterOffset, 1);
    }

    private static int align(final int value, final int alignment)
    {
        return (value + alignment - 1) & -alignment;
    }
}
