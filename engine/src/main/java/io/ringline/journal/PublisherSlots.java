package io.ringline.journal;

import io.ringline.RinglineException;
import io.ringline.os.ProcessIdentity;
import io.ringline.ring.PublisherSlotDescriptor;
import org.agrona.concurrent.AtomicBuffer;

import static io.ringline.journal.CursorDescriptor.ACTIVE;
import static io.ringline.journal.CursorDescriptor.CLAIMED;
import static io.ringline.journal.CursorDescriptor.FREE;
import static io.ringline.journal.CursorDescriptor.nextGeneration;
import static io.ringline.journal.CursorDescriptor.sameGeneration;
import static io.ringline.journal.CursorDescriptor.state;
import static io.ringline.ring.PublisherSlotDescriptor.*;

/**
 * The journal's publisher slots, in the ring's {@link PublisherSlotDescriptor} layout: each publisher records the
 * range it is about to claim there, so that a reader stuck on a dead publisher's claim knows what to skip
 * ({@link io.ringline.ring.Unblocker#padDeadClaim}). States as for cursors: FREE, CLAIMED, ACTIVE.
 *
 * <p>A slot whose holder died is freed only once its last claim is entirely committed (or padded): until then its
 * range is what skipping the hole needs, and a journal keeps its records, so a reader may reach the hole at any time
 * later.
 */
final class PublisherSlots
{
    private PublisherSlots()
    {
    }

    /**
     * @param meta  the metadata file.
     * @param index a slot index.
     * @return the slot's offset.
     */
    static int offset(final AtomicBuffer meta, final int index)
    {
        return JournalDescriptor.PUBLISHER_SLOTS_OFFSET + index * SLOT_LENGTH;
    }

    /**
     * Takes a free slot for this process.
     *
     * @return the slot index.
     * @throws RinglineException when every slot is held.
     */
    static int claim(final AtomicBuffer meta, final int slots, final String journal)
    {
        for (int i = 0; i < slots; i++)
        {
            final int offset = offset(meta, i);
            final long word = meta.getLongVolatile(offset + STATE_OFFSET);
            if (state(word) == FREE && meta.compareAndSetLong(offset + STATE_OFFSET, word,
                nextGeneration(word, CLAIMED)))
            {
                meta.putInt(offset + MODE_OFFSET, CONCURRENT);
                meta.putLong(offset + PID_OFFSET, ProcessIdentity.selfPid());
                meta.putLong(offset + START_TIME_OFFSET, ProcessIdentity.selfStartTime());
                meta.putLong(offset + CLAIM_START_OFFSET, 0);
                meta.putLong(offset + CLAIM_END_OFFSET, 0);
                meta.putLongRelease(offset + STATE_OFFSET, sameGeneration(nextGeneration(word, CLAIMED), ACTIVE));
                return i;
            }
        }
        throw new RinglineException("journal=" + journal + " all publishers=" + slots + " slots are in use (a dead " +
            "publisher's slot is freed once its last claim is committed or skipped); raise publishers= when " +
            "creating the journal");
    }

    /**
     * Frees a slot whose publisher closed: its claims are all committed.
     */
    static void release(final AtomicBuffer meta, final int offset, final long activeWord)
    {
        meta.putLong(offset + CLAIM_START_OFFSET, 0);
        meta.putLong(offset + CLAIM_END_OFFSET, 0);
        meta.compareAndSetLong(offset + STATE_OFFSET, activeWord, sameGeneration(activeWord, FREE));
    }

    /**
     * Frees the slots of dead publishers whose last claim is committed or padded.
     *
     * @param journal the journal, to read the claimed records.
     * @return slots freed.
     */
    static int releaseDead(final Journal journal)
    {
        final AtomicBuffer meta = journal.meta;
        int released = 0;
        for (int i = 0; i < journal.publisherSlots; i++)
        {
            final int offset = offset(meta, i);
            final long word = meta.getLongVolatile(offset + STATE_OFFSET);
            if (state(word) == FREE || ProcessIdentity.isAlive(
                meta.getLongVolatile(offset + PID_OFFSET), meta.getLongVolatile(offset + START_TIME_OFFSET)))
            {
                continue;
            }
            final long start = meta.getLongVolatile(offset + CLAIM_START_OFFSET);
            final long end = meta.getLongVolatile(offset + CLAIM_END_OFFSET);
            if ((start >= end || end > journal.tailVolatile() || journal.isCommitted(start, end)) &&
                meta.compareAndSetLong(offset + STATE_OFFSET, word, sameGeneration(word, FREE)))
            {
                released++;
            }
        }
        return released;
    }
}
