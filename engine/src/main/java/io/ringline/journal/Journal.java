package io.ringline.journal;

import io.ringline.RinglineException;
import io.ringline.memory.MappedFileMemory;
import io.ringline.os.FileStatus;
import io.ringline.os.LibC;
import io.ringline.os.Native;
import io.ringline.os.Owner;
import io.ringline.ring.Wakeup;
import org.agrona.concurrent.AtomicBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static io.ringline.journal.JournalDescriptor.*;
import static io.ringline.ring.RecordDescriptor.*;

/**
 * One journal as this process sees it: its directory, its mapped metadata file ({@link JournalDescriptor}) and the
 * segments this process has mapped. Shared by every publisher and subscriber of the journal in the process.
 *
 * <p>Segments are created by the writers' side only, complete before they get their name (as every Ringline file:
 * written beside the target with its blocks reserved by {@code posix_fallocate}, then hard-linked), so a reader never
 * sees a half-initialised segment and a full file system is an error at creation, never a SIGBUS. The conductor of a
 * process with publishers creates, maps and pre-touches the next segment once the tail passes half of the current one
 * ({@link #prepareAhead()}); a publisher that reaches a segment nobody prepared creates it itself (counted as a late
 * roll).
 */
final class Journal
{
    static final String META_FILE = "journal.meta";
    /** Where the wake-up handshake's words are in the metadata file. */
    static final Wakeup.Words WAKEUP_WORDS = new Wakeup.Words(TAIL_OFFSET, WAKEUP_OFFSET, SLEEPERS_OFFSET,
        POSIXSEM_SLEEPERS_OFFSET, SYSVSEM_SLEEPERS_OFFSET, SYSVSEM_ID_OFFSET);

    /** How far ahead of each local subscriber the conductor touches the journal's pages. */
    static final int READ_AHEAD_BYTES = 32 << 20;
    /** Bytes the conductor touches for one subscriber in one duty cycle: 1,024 pages. */
    static final int TOUCH_STEP_BYTES = 4 << 20;

    final String name;
    final Path directory;
    final AtomicBuffer meta;
    final int segmentSize;
    final int segmentShift;
    final int mask;
    final long salt;
    final int maxMsgLength;
    final int maxFragmentedLength;
    final int publisherSlots;
    final int retainSegments;
    final long retainAgeMs;
    final int syncMode;
    final CursorTable cursors;
    final Wakeup wakeup;
    int users;
    int localPublishers;
    private final MappedFileMemory metaMemory;
    private final int perm;
    private final int ownerUid;
    private final ConcurrentHashMap<Long, Segment> segments = new ConcurrentHashMap<>();
    private final List<Segment> retired = new ArrayList<>();
    private final List<Long> retiredSinceNs = new ArrayList<>();
    private volatile RinglineException storageError;

    private Journal(final String name, final JournalParams params, final MappedFileMemory metaMemory)
    {
        this.name = name;
        this.directory = params.directory;
        this.metaMemory = metaMemory;
        this.meta = metaMemory.buffer();
        this.segmentSize = meta.getInt(SEGMENT_SIZE_OFFSET);
        this.segmentShift = Integer.numberOfTrailingZeros(segmentSize);
        this.mask = segmentSize - 1;
        this.salt = meta.getLong(SALT_OFFSET);
        this.maxMsgLength = meta.getInt(MAX_MSG_LENGTH_OFFSET);
        this.maxFragmentedLength = meta.getInt(MAX_FRAGMENTED_LENGTH_OFFSET);
        this.publisherSlots = meta.getInt(PUBLISHER_SLOT_COUNT_OFFSET);
        this.retainSegments = meta.getInt(RETAIN_SEGMENTS_OFFSET);
        this.retainAgeMs = meta.getLong(RETAIN_AGE_MS_OFFSET);
        this.syncMode = meta.getInt(JournalDescriptor.FLAGS_OFFSET) & SYNC_MASK;
        this.cursors = new CursorTable(meta, cursorsOffset(publisherSlots), meta.getInt(CURSOR_COUNT_OFFSET), name);
        this.perm = params.perm;
        this.ownerUid = params.ownerUid;
        this.wakeup = new Wakeup("journal=" + name, meta, WAKEUP_WORDS, salt, true, perm, ownerUid);
    }

    /**
     * Opens (creating it when allowed) the journal in the URI's directory.
     *
     * @param name   the journal's URI without parameters, for messages.
     * @param params the URI's parameters.
     * @return the journal, validated and agreeing with every parameter the URI sets.
     */
    static Journal open(final String name, final JournalParams params)
    {
        final Path directory = params.directory;
        prepareDirectory(name, params);
        final Path metaPath = directory.resolve(META_FILE);
        if (!Files.exists(metaPath, LinkOption.NOFOLLOW_LINKS))
        {
            if (!params.create)
            {
                throw new RinglineException("journal=" + name + " directory=" + directory + " holds no " + META_FILE +
                    " (create=false)");
            }
            checkEmpty(name, directory);
        }
        final MappedFileMemory memory = MappedFileMemory.openOrCreate(metaPath,
            fileLength(params.publisherSlots, params.cursors), params.perm, params.ownerUid,
            buffer -> initialise(buffer, params.segmentSize, params.maxMsgLength, params.maxFragmentedLength,
                params.publisherSlots, params.cursors, ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE,
                params.retainSegments, params.retainAgeMs, params.syncMode));
        try
        {
            checkHeader("journal=" + name + " file=" + metaPath, memory.buffer());
            final Journal journal = new Journal(name, params, memory);
            journal.checkAgrees(params);
            return journal;
        }
        catch (final RuntimeException ex)
        {
            memory.close();
            throw ex;
        }
    }

    private static void prepareDirectory(final String name, final JournalParams params)
    {
        final Path directory = params.directory;
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS) && params.create)
        {
            try
            {
                Files.createDirectory(directory);
                Files.setPosixFilePermissions(directory, directoryPermissions(params.perm));
            }
            catch (final FileAlreadyExistsException ignore)
            {
                // another process created it: checked below like any existing directory
            }
            catch (final IOException ex)
            {
                throw new RinglineException("journal=" + name + " directory=" + directory + " could not be created: " +
                    ex, ex);
            }
        }
        final LibC libc = Native.libc();
        final int fd = libc.open(directory.toString(), Native.O_PATH | Native.O_NOFOLLOW | Native.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw new RinglineException("journal=" + name + " directory=" + directory + " could not be opened: " +
                Native.describe(Native.errno()) + (params.create ? "" : " (create=false)"));
        }
        try
        {
            final FileStatus status = Owner.checkDescriptor("journal=" + name + " directory=" + directory,
                params.ownerUid, fd);
            if (status.type() != FileStatus.S_IFDIR)
            {
                throw new RinglineException("journal=" + name + " path=" + directory + " is not a directory (a " +
                    "symbolic link is not followed)");
            }
        }
        finally
        {
            libc.close(fd);
        }
    }

    private static Set<PosixFilePermission> directoryPermissions(final int perm)
    {
        final int mode = perm | (perm & 0444) >> 2;
        final Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        final PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, 0400 .. 01
        for (int i = 0; i < bits.length; i++)
        {
            if ((mode & (0400 >> i)) != 0)
            {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    // A directory without journal.meta becomes a journal only when empty (but for creators' temporary files).
    private static void checkEmpty(final String name, final Path directory)
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            final long others = entries.map(path -> path.getFileName().toString())
                .filter(file -> !file.startsWith("." + META_FILE + ".tmp-")).count();
            if (others > 0)
            {
                throw new RinglineException("journal=" + name + " directory=" + directory + " is not a journal: it " +
                    "holds " + others + " entries and no " + META_FILE);
            }
        }
        catch (final IOException ex)
        {
            throw new RinglineException("journal=" + name + " directory=" + directory + " could not be listed: " + ex,
                ex);
        }
    }

    private void checkAgrees(final JournalParams params)
    {
        agree(params, "segment", segmentSize, params.segmentSize);
        agree(params, "max-msg", maxMsgLength, params.maxMsgLength);
        agree(params, "max-fragmented", maxFragmentedLength, params.maxFragmentedLength);
        agree(params, "publishers", publisherSlots, params.publisherSlots);
        agree(params, "cursors", meta.getInt(CURSOR_COUNT_OFFSET), params.cursors);
        agree(params, "retain", retainSegments, params.retainSegments);
        agree(params, "retain", retainAgeMs, params.retainAgeMs);
        agree(params, "sync", syncMode, params.syncMode);
    }

    private void agree(final JournalParams params, final String parameter, final long stored, final long asked)
    {
        if (params.sets(parameter) && stored != asked)
        {
            throw new RinglineException("journal=" + name + " " + parameter + "=" + stored + " but the URI says " +
                parameter + "=" + params.uri.get(parameter, "") + " (" + asked + ")");
        }
    }

    long tailVolatile()
    {
        return meta.getLongVolatile(TAIL_OFFSET);
    }

    long firstSegment()
    {
        return meta.getLongVolatile(FIRST_SEGMENT_OFFSET);
    }

    /**
     * @param index a segment index.
     * @return the segment if this process has it mapped, else null. No system call.
     */
    Segment mapped(final long index)
    {
        return segments.get(index);
    }

    /**
     * Maps a segment, creating it when {@code create} (a writer's side) and it does not exist.
     *
     * @param index  the segment index.
     * @param create whether to create a missing segment.
     * @return the segment, or null when it does not exist and {@code create} is false.
     * @throws RinglineException when the file is not this journal's segment, or cannot be created (naming the free
     *                           space when the file system is full).
     */
    synchronized Segment segment(final long index, final boolean create)
    {
        Segment segment = segments.get(index);
        if (null != segment)
        {
            return segment;
        }
        final Path path = directory.resolve(SegmentDescriptor.fileName(index));
        final long length = SegmentDescriptor.fileLength(segmentSize);
        final MappedFileMemory memory;
        try
        {
            memory = create ?
                MappedFileMemory.openOrCreate(path, length, perm, ownerUid,
                    buffer -> SegmentDescriptor.initialise(buffer, index, segmentSize, salt)) :
                MappedFileMemory.openIfExists(path, ownerUid);
        }
        catch (final RinglineException ex)
        {
            final RinglineException error = new RinglineException("journal=" + name + " segment=" + index +
                " could not be " + (create ? "created" : "opened") + " in directory=" + directory + ": " +
                ex.getMessage() + "; usable space=" + usableSpace() + " bytes, a segment takes " + length, ex);
            if (create)
            {
                storageError = error;
            }
            throw error;
        }
        if (null == memory)
        {
            return null;
        }
        checkedSegment(path, memory, index);
        segment = new Segment(memory, create ? null : readOnlyView(path, index), index, segmentSize);
        if (create)
        {
            segment.pretouch();
        }
        segments.put(index, segment);
        return segment;
    }

    // The segment mapped again, read-only, for subscribers; null (they read the writable mapping) if it went meanwhile.
    private MappedFileMemory readOnlyView(final Path path, final long index)
    {
        final MappedFileMemory view = MappedFileMemory.openReadOnlyIfExists(path, ownerUid);
        try
        {
            return null == view ? null : checkedSegment(path, view, index);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    // The mapping when it holds this journal's segment index; else it is closed and the mismatch thrown.
    private MappedFileMemory checkedSegment(final Path path, final MappedFileMemory memory, final long index)
    {
        try
        {
            SegmentDescriptor.checkHeader("journal=" + name + " file=" + path, memory.buffer(), index, segmentSize,
                salt);
            return memory;
        }
        catch (final RuntimeException ex)
        {
            memory.close();
            throw ex;
        }
    }

    private long usableSpace()
    {
        try
        {
            return Files.getFileStore(directory).getUsableSpace();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * @return the last failure to create a segment, or null.
     */
    RinglineException storageError()
    {
        return storageError;
    }

    /**
     * Writers' conductor duty: maps the tail's segment and, once the tail passes half of it, creates, maps and
     * pre-touches the next one, so that no writer creates a file or takes a page fault at a roll.
     *
     * @return 1 when it prepared a segment.
     */
    int prepareAhead()
    {
        final long tail = tailVolatile();
        final long current = tail >>> segmentShift;
        int work = 0;
        if (null == mapped(current))
        {
            segment(current, true);
            work++;
        }
        if ((tail & mask) >= segmentSize / 2 && null == mapped(current + 1))
        {
            segment(current + 1, true);
            work++;
        }
        return work;
    }

    /**
     * Readers' conductor duty, one step of it: touches the next pages, at most {@link #TOUCH_STEP_BYTES}, of the
     * {@link #READ_AHEAD_BYTES} ahead of a local subscriber, in segments the writers have finished, mapping them
     * ({@link Segment#touchForReading}), so that a replaying subscriber neither maps a file nor takes a page fault on
     * its own thread while the conductor keeps ahead of it. Steps are small so that the conductor's other duties wait
     * at most one step. The segment being written is left alone: a subscriber there reads its writable mapping
     * ({@link Segment#recordsToRead}), and touching ahead of a live reader only kept the conductor busy beside the two
     * spinning threads.
     *
     * @param position the subscriber's position.
     * @param touched  the position up to which this duty touched for it last time.
     * @return the position up to which the subscriber's pages are now touched, {@code touched} when nothing was done.
     */
    long touchAheadOfReader(final long position, final long touched)
    {
        final long from = Math.max(touched, position) & -PAGE_SIZE;
        final long index = from >>> segmentShift;
        final long base = index << segmentShift;
        final long to = Math.min(Math.min(position + READ_AHEAD_BYTES, from + TOUCH_STEP_BYTES), base + segmentSize);
        if (from >= to || tailVolatile() < base + segmentSize)
        {
            return touched; // nothing left to touch, or the segment the writers are in (Segment#recordsToRead)
        }
        final Segment segment = segment(index, false);
        if (null == segment)
        {
            return touched;
        }
        segment.touchForReading((int)(from - base), (int)(to - base));
        return to;
    }

    /**
     * Retention, run by the conductor of a process with publishers: deletes the oldest segments beyond
     * {@code retain} behind the tail's segment, or, with an age, each segment whose next segment's first record is
     * older than the age (its claim time, from the next segment's index entry 0; the tail's segment is never
     * deleted), but only those wholly behind every cursor (open subscribers, and named cursors whether open or
     * parked). The first-segment word moves before a file is deleted, so a subscriber that joins meanwhile starts
     * after it ({@link JournalSubscriber} reads the word after taking its cursor).
     *
     * @param nowNs      the conductor's clock.
     * @param epochNowNs the time now, ns since the epoch (the publishers' record clock).
     * @return segments deleted.
     */
    int retain(final long nowNs, final long epochNowNs)
    {
        if (retainSegments <= 0 && retainAgeMs <= 0)
        {
            return 0;
        }
        cursors.releaseDead();
        final long tailSegment = tailVolatile() >>> segmentShift;
        final long keepFrom = retainSegments > 0 ? tailSegment - retainSegments + 1 : tailSegment;
        int deleted = 0;
        long first;
        while ((first = firstSegment()) < keepFrom &&
            (retainAgeMs <= 0 || startedBefore(first + 1, epochNowNs - retainAgeMs * 1_000_000L)) &&
            cursors.lowestNeededPosition() >= (first + 1) << segmentShift &&
            meta.compareAndSetLong(FIRST_SEGMENT_OFFSET, first, first + 1))
        {
            retire(segments.remove(first), nowNs);
            MappedFileMemory.delete(directory.resolve(SegmentDescriptor.fileName(first)));
            increment(meta, SEGMENTS_DELETED_OFFSET);
            deleted++;
        }
        return deleted;
    }

    // True when segment index's first record was claimed before the time: its index entry 0 is written and older.
    private boolean startedBefore(final long index, final long epochNs)
    {
        final Segment segment = segment(index, false);
        return null != segment && segment.indexPosition(0, salt) == segment.basePosition &&
            segment.indexTimestamp(0) < epochNs;
    }

    /**
     * Unmaps the segments wholly behind {@code position}, which nobody in this process reads or writes any more, a
     * linger period after they were last needed, so that a thread still inside a claim or a poll never touches
     * unmapped memory.
     *
     * @param position the lowest position any publisher or subscriber of this process was at.
     * @param nowNs    the conductor's clock.
     * @param lingerNs how long a retired segment stays mapped.
     */
    void unmapBehind(final long position, final long nowNs, final long lingerNs)
    {
        final long below = (position >>> segmentShift) - 1;
        for (final Long index : segments.keySet())
        {
            if (index < below)
            {
                retire(segments.remove(index), nowNs);
            }
        }
        synchronized (retired)
        {
            for (int i = retired.size() - 1; i >= 0; i--)
            {
                if (nowNs - retiredSinceNs.get(i) >= lingerNs)
                {
                    retired.remove(i).close();
                    retiredSinceNs.remove(i);
                }
            }
        }
    }

    private void retire(final Segment segment, final long nowNs)
    {
        if (null != segment)
        {
            synchronized (retired)
            {
                retired.add(segment);
                retiredSinceNs.add(nowNs);
            }
        }
    }

    /**
     * @return true when every record in {@code [start, end)} is committed (padding included).
     */
    boolean isCommitted(final long start, final long end)
    {
        long position = start;
        while (position < end)
        {
            final Segment segment = segment(position >>> segmentShift, false);
            if (null == segment)
            {
                return position >= end;
            }
            final int index = (int)position & mask;
            if (segment.records.getLongVolatile(index + TAG_OFFSET) != tag(position, salt))
            {
                return false;
            }
            final int frameLength = segment.records.getInt(index + FRAME_LENGTH_OFFSET);
            if (frameLength < HEADER_LENGTH || frameLength > segmentSize - index)
            {
                return true; // corrupt: nothing a freed slot would change
            }
            position += (frameLength + ALIGNMENT - 1) & -ALIGNMENT;
        }
        return true;
    }

    /**
     * Writes a committed range back to the file: {@code msync(MS_SYNC)} of the pages it spans, and with
     * {@code sync=full} the metadata page holding the tail.
     */
    void sync(final long position, final int length)
    {
        final long address = mapped(segmentIndex(position)).recordsAddress() + ((int)position & mask);
        final long pageStart = address & -PAGE_SIZE;
        Native.libc().msync(pageStart, address + length - pageStart, Native.MS_SYNC);
        if (syncMode == SYNC_FULL)
        {
            Native.libc().msync(meta.addressOffset(), PAGE_SIZE, Native.MS_SYNC);
        }
    }

    /**
     * @param position a position.
     * @return the segment index holding it.
     */
    long segmentIndex(final long position)
    {
        return position >>> segmentShift;
    }

    /**
     * Unmaps everything.
     */
    void close()
    {
        for (final Segment segment : segments.values())
        {
            segment.close();
        }
        segments.clear();
        synchronized (retired)
        {
            retired.forEach(Segment::close);
            retired.clear();
            retiredSinceNs.clear();
        }
        wakeup.close();
        metaMemory.close();
    }

    /**
     * Deletes a journal's files, its wake-up semaphores and its directory.
     *
     * @param directory the journal's directory.
     * @return true when there was something to delete.
     */
    static boolean delete(final Path directory)
    {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) ||
            !Files.exists(directory.resolve(META_FILE), LinkOption.NOFOLLOW_LINKS))
        {
            return false;
        }
        removeWakeupObjects(directory.resolve(META_FILE));
        try (Stream<Path> entries = Files.list(directory))
        {
            for (final Path entry : (Iterable<Path>)entries::iterator)
            {
                final String file = entry.getFileName().toString();
                if (file.endsWith(".segment") || file.equals(META_FILE) || file.startsWith("."))
                {
                    Files.deleteIfExists(entry);
                }
            }
            Files.deleteIfExists(directory);
            return true;
        }
        catch (final IOException ex)
        {
            throw new RinglineException("journal directory=" + directory + " could not be removed: " + ex, ex);
        }
    }

    // The semaphores the metadata names (its salt, its System V set), read from the file without mapping it.
    private static void removeWakeupObjects(final Path metaPath)
    {
        try (FileChannel file = FileChannel.open(metaPath, StandardOpenOption.READ))
        {
            final ByteBuffer header = ByteBuffer.allocate(WAKEUP_OFFSET + 64).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && file.read(header) > 0)
            {
                // read the whole header
            }
            if (!header.hasRemaining() && header.getLong(MAGIC_OFFSET) == MAGIC)
            {
                Wakeup.removeObjects(header.getLong(SALT_OFFSET), header.getInt(SYSVSEM_ID_OFFSET));
            }
        }
        catch (final IOException ex)
        {
            // unreadable: nothing of ours to remove beside it
        }
    }

    @Override
    public String toString()
    {
        return "Journal{" + name + ", tail=" + tailVolatile() + ", segments mapped=" + segments.keySet() + "}";
    }
}
