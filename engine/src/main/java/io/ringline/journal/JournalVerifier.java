package io.ringline.journal;

import io.ringline.ChannelUri;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.memory.MappedFileMemory;
import io.ringline.os.ProcessIdentity;
import io.ringline.ring.PublisherSlotDescriptor;
import io.ringline.ring.RecordDecoder;
import io.ringline.ring.Unblocker;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ringline.ring.RecordDescriptor.*;

/**
 * Checks a journal on disk, and repairs what can be repaired: what {@code ringline journal verify DIR} and
 * {@code ringline journal repair DIR} run.
 *
 * <p><b>Verify</b> reads the metadata header, every segment header from the first segment to the tail's, every record
 * with the journal's {@link RecordDecoder} (the same checks a subscriber makes) and every written index entry (it
 * must name a committed record). Damage is: a header that fails its checks, a missing segment, a corrupt record, or a
 * hole (a record never committed, with the tail past it: a writer killed between claim and commit that no reader has
 * skipped yet).
 *
 * <p><b>Repair</b> refuses a journal that a live process holds a publisher slot or cursor in (unless forced), then
 * rewrites a corrupt segment header from what the journal and the file's name say; turns a hole into padding up to
 * the dead writer's recorded claim end ({@link Unblocker#padDeadClaim}) or, failing that, up to the next committed
 * record found on the 32-byte grid (a tag names its position, so a match is a record); turns a corrupt record into
 * padding the same way; and when nothing committed follows a hole, truncates the tail to it (a torn tail: the bytes
 * were claimed, never committed). Committed records are never changed.
 */
public final class JournalVerifier
{
    private final Journal journal;
    private final List<String> damage = new ArrayList<>();
    private final List<String> repairs = new ArrayList<>();
    private long messages;
    private long endPosition;

    private JournalVerifier(final Journal journal)
    {
        this.journal = journal;
    }

    /**
     * Verifies a journal.
     *
     * @param directory the journal's directory.
     * @return the verifier, holding its findings.
     * @throws RinglineException when the directory is not a journal or its metadata header fails its checks.
     */
    public static JournalVerifier verify(final Path directory)
    {
        final JournalVerifier verifier = new JournalVerifier(open(directory));
        try
        {
            verifier.check(false);
        }
        finally
        {
            verifier.journal.close();
        }
        return verifier;
    }

    /**
     * Repairs a journal, then verifies it again.
     *
     * @param directory the journal's directory.
     * @param force     repair even while a live process holds a publisher slot or a cursor.
     * @return the verifier, holding the repairs made and the damage left.
     * @throws RinglineException when the directory is not a journal, or a live process uses it and not forced.
     */
    public static JournalVerifier repair(final Path directory, final boolean force)
    {
        final JournalVerifier verifier = new JournalVerifier(open(directory));
        try
        {
            if (!force)
            {
                verifier.checkUnused();
            }
            verifier.check(true);
            PublisherSlots.releaseDead(verifier.journal);
            verifier.damage.clear();
            verifier.messages = 0;
            verifier.check(false);
        }
        finally
        {
            verifier.journal.close();
        }
        return verifier;
    }

    /**
     * @param directory a journal's directory.
     * @return the journal, opened without creating it and without a publisher slot or cursor; the caller closes it.
     */
    static Journal open(final Path directory)
    {
        final ChannelUri uri = ChannelUri.parse("journal:" + directory + "?create=false");
        return Journal.open("journal:" + directory, JournalParams.forPublisher(uri, new Ringline.Context()));
    }

    private void checkUnused()
    {
        for (int i = 0; i < journal.publisherSlots; i++)
        {
            final int slot = PublisherSlots.offset(journal.meta, i);
            final long pid = journal.meta.getLongVolatile(slot + PublisherSlotDescriptor.PID_OFFSET);
            if (CursorDescriptor.state(journal.meta.getLongVolatile(slot + PublisherSlotDescriptor.STATE_OFFSET)) !=
                CursorDescriptor.FREE && ProcessIdentity.isAlive(pid,
                journal.meta.getLongVolatile(slot + PublisherSlotDescriptor.START_TIME_OFFSET)))
            {
                throw new RinglineException("journal=" + journal.name + " has a live publisher, pid=" + pid +
                    "; not repaired (--force repairs it anyway)");
            }
        }
        if (journal.cursors.hasLiveHolder())
        {
            throw new RinglineException("journal=" + journal.name + " has a live subscriber; not repaired " +
                "(--force repairs it anyway)");
        }
    }

    private void check(final boolean repair)
    {
        final long firstSegment = journal.firstSegment();
        long position = firstSegment << journal.segmentShift;
        final long tail = journal.tailVolatile();
        for (long index = firstSegment; index <= journal.segmentIndex(Math.max(tail - 1, 0)) && tail > 0; index++)
        {
            checkSegment(index, repair);
        }
        while (position < tail)
        {
            final RecordDecoder decoder = RecordDecoder.overSegments(journal.name, journal.segmentSize, journal.salt,
                journal.maxMsgLength, journal.maxFragmentedLength, null, position, this::segmentAt);
            try
            {
                long before;
                do
                {
                    before = decoder.position();
                    decoder.poll((buffer, offset, length, header) -> messages++, 1024);
                }
                while (decoder.position() != before);
                position = decoder.position();
                if (position >= tail)
                {
                    break;
                }
                damage.add("hole at position=" + position + ": a record claimed and never committed (tail=" + tail +
                    ")");
            }
            catch (final RinglineException ex)
            {
                position = decoder.position();
                break; // a segment that cannot be read (its header reported above, or missing): nothing further
            }
            catch (final IllegalStateException ex)
            {
                position = decoder.position();
                damage.add(ex.getMessage());
            }
            if (!repair || !skip(position, tail))
            {
                break;
            }
        }
        endPosition = position;
    }

    private void checkSegment(final long index, final boolean repair)
    {
        final Segment segment;
        try
        {
            segment = journal.segment(index, false);
        }
        catch (final RinglineException ex)
        {
            damage.add(ex.getMessage());
            if (repair)
            {
                rewriteHeader(index);
            }
            return;
        }
        if (null == segment)
        {
            damage.add("segment=" + index + " file=" + SegmentDescriptor.fileName(index) + " is missing");
            return;
        }
        for (int entry = 0; entry < SegmentDescriptor.INDEX_ENTRIES; entry++)
        {
            final long position = segment.indexPosition(entry, journal.salt);
            if (position >= 0 && position < journal.tailVolatile() && segment.records.getLongVolatile(
                ((int)position & journal.mask) + TAG_OFFSET) != tag(position, journal.salt))
            {
                damage.add("segment=" + index + " index entry=" + entry + " names position=" + position +
                    ", where no record is committed");
            }
        }
    }

    private void rewriteHeader(final long index)
    {
        final Path path = journal.directory.resolve(SegmentDescriptor.fileName(index));
        final MappedFileMemory memory = MappedFileMemory.openIfExists(path, MappedFileMemory.ANY_OWNER);
        if (null == memory)
        {
            return;
        }
        try
        {
            if (memory.buffer().capacity() == SegmentDescriptor.fileLength(journal.segmentSize))
            {
                SegmentDescriptor.initialise(memory.buffer(), index, journal.segmentSize, journal.salt);
                repairs.add("segment=" + index + " header rewritten");
            }
        }
        finally
        {
            memory.close();
        }
    }

    /**
     * Skips the hole or corrupt record at {@code position}: padding, or a truncated tail.
     *
     * @return true when the position can be read past now.
     */
    private boolean skip(final long position, final long tail)
    {
        final Segment segment = journal.segment(journal.segmentIndex(position), false);
        if (null == segment)
        {
            return false;
        }
        final int index = (int)position & journal.mask;
        final UnsafeBuffer records = segment.records;
        if (Unblocker.padDeadClaim(journal.meta, JournalDescriptor.PUBLISHER_SLOTS_OFFSET, journal.publisherSlots,
            records, index, position, journal.salt, journal.segmentSize - index))
        {
            repairs.add("hole at position=" + position + " padded to the dead writer's claim end");
            return true;
        }
        final long segmentEnd = position - index + journal.segmentSize;
        for (long next = position + ALIGNMENT; next < Math.min(tail, segmentEnd); next += ALIGNMENT)
        {
            if (records.getLongVolatile(((int)next & journal.mask) + TAG_OFFSET) == tag(next, journal.salt))
            {
                pad(records, index, position, (int)(next - position));
                return true;
            }
        }
        if (tail > segmentEnd && isCommittedAt(segmentEnd))
        {
            pad(records, index, position, (int)(segmentEnd - position));
            return true;
        }
        if (journal.meta.compareAndSetLong(JournalDescriptor.TAIL_OFFSET, tail, position))
        {
            repairs.add("torn tail truncated from position=" + tail + " to " + position);
        }
        return false;
    }

    private boolean isCommittedAt(final long position)
    {
        final Segment segment = journal.segment(journal.segmentIndex(position), false);
        return null != segment && segment.records.getLongVolatile(
            ((int)position & journal.mask) + TAG_OFFSET) == tag(position, journal.salt);
    }

    private void pad(final UnsafeBuffer records, final int index, final long position, final int length)
    {
        commit(records, index, position, journal.salt, length, 0, PADDING_FLAG, -1, 0);
        repairs.add("position=" + position + " to " + (position + length) + " turned into padding");
    }

    private UnsafeBuffer segmentAt(final long basePosition)
    {
        if (journal.tailVolatile() <= basePosition)
        {
            return null;
        }
        final Segment segment = journal.segment(journal.segmentIndex(basePosition), false);
        return null == segment ? null : segment.records;
    }

    /**
     * @return true when verify found no damage.
     */
    public boolean isIntact()
    {
        return damage.isEmpty();
    }

    /**
     * @return what is damaged, one line each.
     */
    public List<String> damage()
    {
        return List.copyOf(damage);
    }

    /**
     * @return what repair changed, one line each.
     */
    public List<String> repairs()
    {
        return List.copyOf(repairs);
    }

    /**
     * @return messages read.
     */
    public long messages()
    {
        return messages;
    }

    /**
     * @return the position reading stopped at: the tail when intact.
     */
    public long endPosition()
    {
        return endPosition;
    }

    @Override
    public String toString()
    {
        return "journal=" + journal.name + " messages=" + messages + " end=" + endPosition + " damage=" +
            damage.size() + " repairs=" + repairs.size();
    }
}
