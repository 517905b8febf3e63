package io.ringline.journal;

import io.ringline.memory.MappedFileMemory;
import io.ringline.os.Native;
import io.ringline.ring.RecordDescriptor;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ringline.journal.SegmentDescriptor.*;

/**
 * One mapped segment file ({@link SegmentDescriptor}): its records as a buffer of their own, where position
 * {@code base + i} is at offset {@code i}, and its sparse index. A segment mapped for reading has a second, read-only
 * mapping of its records, {@link #readRecords}, which subscribers decode from once the segment is finished
 * ({@link #recordsToRead}): pages first read through it map faster.
 */
final class Segment
{
    final long index;
    final long basePosition;
    final UnsafeBuffer records;
    /** The records through a read-only mapping, for subscribers; {@link #records} itself when there is none. */
    final UnsafeBuffer readRecords;
    private final MappedFileMemory memory;
    private final MappedFileMemory readOnlyMemory;
    private final AtomicBuffer file;
    private final int strideShift;
    @SuppressWarnings("unused")
    private long touchedSum;

    Segment(final MappedFileMemory memory, final MappedFileMemory readOnlyMemory, final long index,
        final int segmentSize)
    {
        this.memory = memory;
        this.readOnlyMemory = readOnlyMemory;
        this.file = memory.buffer();
        this.index = index;
        this.basePosition = index * segmentSize;
        this.records = new UnsafeBuffer(file, RECORDS_OFFSET, segmentSize);
        this.readRecords = null == readOnlyMemory ? records :
            new UnsafeBuffer(readOnlyMemory.buffer(), RECORDS_OFFSET, segmentSize);
        this.strideShift = Integer.numberOfTrailingZeros(segmentSize / INDEX_ENTRIES);
    }

    /**
     * Maps every page of the file writable in this process, without changing a byte another process may be writing,
     * so that no message pays a page fault: one {@code madvise(MADV_POPULATE_WRITE)}, or on a kernel without it
     * (before Linux 5.14) an atomic add of zero to every page, a fault each.
     */
    void pretouch()
    {
        if (!populate(Native.MADV_POPULATE_WRITE))
        {
            for (int offset = 0, length = file.capacity(); offset < length; offset += JournalDescriptor.PAGE_SIZE)
            {
                file.getAndAddInt(offset, 0);
            }
        }
    }

    /**
     * Where a subscriber entering this segment decodes from: the read-only mapping ({@link #readRecords}) when the
     * writers have finished the segment, the writable one ({@link #records}) while they are in it. Under this VM's
     * shadow paging a page first read through the read-only mapping maps about three times faster (cold replay ran
     * 1.7x faster), but a live subscriber right behind a writer in another process ran a third slower through it
     * (docs/perf.md, issue 13), so each mapping serves the reading it is measured best for.
     *
     * @param tail the journal's tail now.
     * @return the buffer to decode the segment's records from.
     */
    UnsafeBuffer recordsToRead(final long tail)
    {
        return tail >= basePosition + records.capacity() ? readRecords : records;
    }

    /**
     * Reads one word of every page of the {@link #readRecords} in {@code [from, to)} from user mode, on the calling
     * thread, so that the process's page tables map them before a subscriber's thread reads there. A user-mode read,
     * not {@code madvise(MADV_POPULATE_READ)}: under a hypervisor that shadows page tables (PVM) the kernel's populate
     * leaves the first user-mode touch of each page still taking a fault, while a touch from any thread of the
     * process spares every other thread of it (measured in docs/perf.md, issue 13).
     *
     * @param from offset into the records, inclusive.
     * @param to   offset into the records, exclusive.
     */
    void touchForReading(final int from, final int to)
    {
        long sum = 0;
        for (int offset = from; offset < to; offset += JournalDescriptor.PAGE_SIZE)
        {
            sum += readRecords.getLong(offset);
        }
        touchedSum = sum; // kept, so that the reads are not optimised away
    }

    private boolean populate(final int advice)
    {
        return Native.libc().madvise(file.addressOffset(), file.capacity(), advice) == 0;
    }

    /**
     * Writes the index entries of the stride boundaries that a claimed piece {@code [start, end)} of this segment
     * covers: each boundary is covered by exactly one claim, so each entry has one writer.
     *
     * @param start       the piece's first position: a record (or padding) starts there.
     * @param end         the position after the piece.
     * @param timestampNs the record's timestamp.
     * @param salt        the journal's salt.
     */
    void index(final long start, final long end, final long timestampNs, final long salt)
    {
        final long stride = 1L << strideShift;
        for (long boundary = (start + stride - 1) & -stride; boundary < end; boundary += stride)
        {
            final int entry = INDEX_OFFSET + (int)((boundary - basePosition) >>> strideShift) * INDEX_ENTRY_LENGTH;
            file.putLong(entry + ENTRY_TIMESTAMP_OFFSET, timestampNs);
            file.putLongRelease(entry + ENTRY_POSITION_OFFSET, RecordDescriptor.tag(start, salt));
        }
    }

    /**
     * @param entry an index entry, 0 to 255.
     * @param salt  the journal's salt.
     * @return the position of the record covering the entry's boundary, or -1 when the entry is not (yet) written.
     */
    long indexPosition(final int entry, final long salt)
    {
        final long position = file.getLongAcquire(
            INDEX_OFFSET + entry * INDEX_ENTRY_LENGTH + ENTRY_POSITION_OFFSET) ^ salt;
        final long boundary = basePosition + ((long)entry << strideShift);
        return position >= basePosition && position <= boundary && (position & (RecordDescriptor.ALIGNMENT - 1)) == 0 ?
            position : -1;
    }

    /**
     * @param entry an index entry whose {@link #indexPosition} is valid.
     * @return its timestamp.
     */
    long indexTimestamp(final int entry)
    {
        return file.getLong(INDEX_OFFSET + entry * INDEX_ENTRY_LENGTH + ENTRY_TIMESTAMP_OFFSET);
    }

    /**
     * @return the address of the record data, for {@code msync}.
     */
    long recordsAddress()
    {
        return records.addressOffset();
    }

    void close()
    {
        memory.close();
        if (null != readOnlyMemory)
        {
            readOnlyMemory.close();
        }
    }

    @Override
    public String toString()
    {
        return "Segment{index=" + index + ", " + memory.description() + "}";
    }
}
