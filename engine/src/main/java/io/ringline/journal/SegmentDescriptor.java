package io.ringline.journal;

import io.ringline.RinglineException;
import org.agrona.concurrent.AtomicBuffer;

import java.util.zip.CRC32C;

/**
 * Byte layout of a journal segment file, {@code %016x.segment} (the segment index in hexadecimal) in the journal's
 * directory: a header page, an index page, then {@code segmentSize} bytes of records in the ring's record layout
 * ({@link io.ringline.ring.RecordDescriptor}). Segment {@code i} holds positions {@code [i * segmentSize,
 * (i + 1) * segmentSize)}; position {@code p} is at file offset {@code RECORDS_OFFSET + (p & (segmentSize - 1))}. A
 * record never crosses the end of a segment: a writer pads to it, as the ring pads to the end of a lap.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Magic "RLJSEGMT" (ready word)                 |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Layout version (major << 16 | minor)          |  8
 *  +---------------------------------------------------------------+
 *  |                 Records offset (8192)                         | 12
 *  +---------------------------------------------------------------+
 *  |                 Segment index                                 | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Base position (index x segment size)          | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Segment size (record bytes)                   | 32
 *  +---------------------------------------------------------------+
 *  |                 Index stride (segment size / 256)             | 36
 *  +---------------------------------------------------------------+
 *  |                 Salt (the journal's)                          | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Created at (ms since epoch)                   | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Header checksum (CRC32C of bytes 8..55)       | 56
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to byte 4096                  | 60
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Index: 256 entries x 16 bytes                 | 4096
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Records: segment size bytes                   | 8192
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Index entry {@code k} (16 bytes at {@code 4096 + 16 k}) describes the record that covers the stride boundary
 * {@code base + k * stride}: the publisher whose claim covers that boundary writes it, so each entry has exactly one
 * writer. Bytes 0 to 7: that record's timestamp (ns since epoch); bytes 8 to 15: {@code recordPosition ^ salt},
 * stored with release after the timestamp. An entry is valid when its second word, XORed with the salt, is a position
 * in {@code [base, base + k * stride]} on the 32-byte grid: a zero entry never is (the salt has its top bit set).
 */
public final class SegmentDescriptor
{
    /** "RLJSEGMT" in ASCII as a little-endian int64. */
    public static final long MAGIC = 0x544D4745534A4C52L;
    /** Layout version word, the journal's. */
    public static final int LAYOUT_VERSION = JournalDescriptor.LAYOUT_VERSION;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version. */
    public static final int LAYOUT_VERSION_OFFSET = 8;
    /** Offset of the records offset. */
    public static final int RECORDS_OFFSET_OFFSET = 12;
    /** Offset of the segment index. */
    public static final int SEGMENT_INDEX_OFFSET = 16;
    /** Offset of the base position. */
    public static final int BASE_POSITION_OFFSET = 24;
    /** Offset of the segment size. */
    public static final int SEGMENT_SIZE_OFFSET = 32;
    /** Offset of the index stride. */
    public static final int INDEX_STRIDE_OFFSET = 36;
    /** Offset of the salt. */
    public static final int SALT_OFFSET = 40;
    /** Offset of the creation time. */
    public static final int CREATED_EPOCH_MS_OFFSET = 48;
    /** Offset of the header checksum. */
    public static final int CHECKSUM_OFFSET = 56;
    /** Offset of index entry 0. */
    public static final int INDEX_OFFSET = 4096;
    /** Number of index entries. */
    public static final int INDEX_ENTRIES = 256;
    /** Length of an index entry. */
    public static final int INDEX_ENTRY_LENGTH = 16;
    /** Offset of an entry's timestamp. */
    public static final int ENTRY_TIMESTAMP_OFFSET = 0;
    /** Offset of an entry's tagged position. */
    public static final int ENTRY_POSITION_OFFSET = 8;
    /** Offset of the first record. */
    public static final int RECORDS_OFFSET = 8192;

    private SegmentDescriptor()
    {
    }

    /**
     * @param segmentSize record bytes per segment.
     * @return the segment file's length.
     */
    public static long fileLength(final int segmentSize)
    {
        return (long)RECORDS_OFFSET + segmentSize;
    }

    /**
     * @param segmentIndex a segment index.
     * @return the segment's file name in the journal directory.
     */
    public static String fileName(final long segmentIndex)
    {
        return String.format("%016x.segment", segmentIndex);
    }

    /**
     * Writes a new segment's header, the magic last with release.
     */
    static void initialise(
        final AtomicBuffer file, final long segmentIndex, final int segmentSize, final long salt)
    {
        file.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        file.putInt(RECORDS_OFFSET_OFFSET, RECORDS_OFFSET);
        file.putLong(SEGMENT_INDEX_OFFSET, segmentIndex);
        file.putLong(BASE_POSITION_OFFSET, segmentIndex * segmentSize);
        file.putInt(SEGMENT_SIZE_OFFSET, segmentSize);
        file.putInt(INDEX_STRIDE_OFFSET, segmentSize / INDEX_ENTRIES);
        file.putLong(SALT_OFFSET, salt);
        file.putLong(CREATED_EPOCH_MS_OFFSET, System.currentTimeMillis());
        file.putInt(CHECKSUM_OFFSET, checksum(file));
        file.putLongRelease(MAGIC_OFFSET, MAGIC);
    }

    /**
     * Checks a segment file against the journal it belongs to.
     *
     * @param what         the file, for messages.
     * @param file         the mapped file.
     * @param segmentIndex the index its name gives.
     * @param segmentSize  the journal's segment size.
     * @param salt         the journal's salt.
     * @throws RinglineException naming the field and both values on any difference.
     */
    public static void checkHeader(
        final String what, final AtomicBuffer file, final long segmentIndex, final int segmentSize, final long salt)
    {
        if (file.capacity() != fileLength(segmentSize))
        {
            throw new RinglineException(what + " length=" + file.capacity() + " expected=" + fileLength(segmentSize) +
                " (truncated, or not this journal's segment)");
        }
        if (file.getLongVolatile(MAGIC_OFFSET) != MAGIC)
        {
            throw new RinglineException(what + " is not a journal segment: magic=0x" +
                Long.toHexString(file.getLong(MAGIC_OFFSET)) + " expected=0x" + Long.toHexString(MAGIC));
        }
        final int stored = file.getInt(CHECKSUM_OFFSET);
        final int computed = checksum(file);
        if (stored != computed)
        {
            throw new RinglineException(what + " header checksum=0x" + Integer.toHexString(stored) + " computed=0x" +
                Integer.toHexString(computed) + ": the segment header is corrupt");
        }
        final int version = file.getInt(LAYOUT_VERSION_OFFSET);
        checkField(what, "layout major version", version >>> 16, JournalDescriptor.LAYOUT_MAJOR);
        checkField(what, "records offset", file.getInt(RECORDS_OFFSET_OFFSET), RECORDS_OFFSET);
        checkField(what, "segment index", file.getLong(SEGMENT_INDEX_OFFSET), segmentIndex);
        checkField(what, "base position", file.getLong(BASE_POSITION_OFFSET), segmentIndex * segmentSize);
        checkField(what, "segment size", file.getInt(SEGMENT_SIZE_OFFSET), segmentSize);
        checkField(what, "index stride", file.getInt(INDEX_STRIDE_OFFSET), segmentSize / INDEX_ENTRIES);
        checkField(what, "salt", file.getLong(SALT_OFFSET), salt);
    }

    private static void checkField(final String what, final String field, final long value, final long expected)
    {
        if (value != expected)
        {
            throw new RinglineException(what + " " + field + "=" + value + " expected=" + expected +
                " (a segment of another journal, or a corrupt header)");
        }
    }

    /**
     * @param file a segment file.
     * @return the CRC32C of bytes 8 to 55.
     */
    public static int checksum(final AtomicBuffer file)
    {
        final byte[] bytes = new byte[CHECKSUM_OFFSET - LAYOUT_VERSION_OFFSET];
        file.getBytes(LAYOUT_VERSION_OFFSET, bytes);
        final CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int)crc.getValue();
    }
}
