package io.ringline.journal;

import io.ringline.RinglineException;
import io.ringline.os.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import static io.ringline.journal.CursorDescriptor.*;

/**
 * Claiming, parking, freeing and scanning the cursors of a journal's metadata file ({@link CursorDescriptor}). Only
 * opening and closing subscribers and the conductor call it; a subscriber's poll only stores its position.
 *
 * <p>A named cursor is unique: a claimer that, after taking an entry, sees another live entry with its name gives its
 * own back and looks again (both claims are compare-and-sets, full fences, so of two racing claimers at least one
 * sees the other); it then finds the other's and is refused while that one's holder lives.
 */
final class CursorTable
{
    private final AtomicBuffer meta;
    private final int firstOffset;
    private final int count;
    private final String journal;

    CursorTable(final AtomicBuffer meta, final int firstOffset, final int count, final String journal)
    {
        this.meta = meta;
        this.firstOffset = firstOffset;
        this.count = count;
        this.journal = journal;
    }

    int offset(final int index)
    {
        return firstOffset + index * CURSOR_LENGTH;
    }

    /**
     * Takes a cursor: the named one when it exists (parked, or held by a dead process), else a free entry set to
     * {@code startPosition}.
     *
     * @param name          the cursor's name, or null for an anonymous cursor.
     * @param startPosition the position of a new cursor.
     * @return the cursor's offset in the metadata file; its position is where the subscriber starts.
     * @throws RinglineException when a live process holds the named cursor, or the table is full.
     */
    int claim(final String name, final long startPosition)
    {
        final byte[] nameBytes = null == name ? new byte[0] : name.getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; attempt < 100; attempt++)
        {
            if (nameBytes.length > 0)
            {
                final int existing = resume(nameBytes, name);
                if (existing >= 0)
                {
                    return existing;
                }
            }
            final int offset = claimFree(nameBytes, startPosition);
            if (nameBytes.length == 0 || !hasTwin(offset, nameBytes))
            {
                return offset;
            }
            release(offset, meta.getLongVolatile(offset + STATE_OFFSET), false);
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000, 100_000));
        }
        throw new RinglineException("journal=" + journal + " cursor name=" + name + " is being claimed by another " +
            "process at the same time; try again");
    }

    private int resume(final byte[] nameBytes, final String name)
    {
        for (int i = 0; i < count; i++)
        {
            final int offset = offset(i);
            final long word = meta.getLongVolatile(offset + STATE_OFFSET);
            final int state = state(word);
            if (state == FREE || !hasName(offset, nameBytes))
            {
                continue;
            }
            if (holderAlive(offset, state))
            {
                throw new RinglineException("journal=" + journal + " cursor name=" + name + " is in use by pid=" +
                    meta.getLongVolatile(offset + PID_OFFSET) + "; a named cursor has one subscriber at a time");
            }
            final long claimed = nextGeneration(word, CLAIMED);
            if (meta.compareAndSetLong(offset + STATE_OFFSET, word, claimed))
            {
                setHolder(offset);
                meta.putLongRelease(offset + STATE_OFFSET, sameGeneration(claimed, ACTIVE));
                return offset;
            }
            return resume(nameBytes, name); // someone else changed it: judge again
        }
        return -1;
    }

    private int claimFree(final byte[] nameBytes, final long startPosition)
    {
        for (int i = 0; i < count; i++)
        {
            final int offset = offset(i);
            final long word = meta.getLongVolatile(offset + STATE_OFFSET);
            if (state(word) == FREE && meta.compareAndSetLong(offset + STATE_OFFSET, word,
                nextGeneration(word, CLAIMED)))
            {
                meta.putLongVolatile(offset + POSITION_OFFSET, startPosition);
                meta.setMemory(offset + JOIN_REQUEST_OFFSET, JOIN_JOURNAL_POSITION_OFFSET + 8 - JOIN_REQUEST_OFFSET,
                    (byte)0);
                meta.setMemory(offset + NAME_OFFSET, MAX_NAME_LENGTH, (byte)0);
                meta.putBytes(offset + NAME_OFFSET, nameBytes);
                meta.putInt(offset + NAME_LENGTH_OFFSET, nameBytes.length);
                setHolder(offset);
                final long claimed = nextGeneration(word, CLAIMED);
                meta.compareAndSetLong(offset + STATE_OFFSET, claimed, sameGeneration(claimed, ACTIVE)); // a fence
                return offset;
            }
        }
        throw new RinglineException("journal=" + journal + " all cursors=" + count + " are in use (open " +
            "subscribers and named cursors); raise cursors= when creating the journal");
    }

    private boolean hasTwin(final int own, final byte[] nameBytes)
    {
        for (int i = 0; i < count; i++)
        {
            final int offset = offset(i);
            if (offset != own && state(meta.getLongVolatile(offset + STATE_OFFSET)) != FREE &&
                hasName(offset, nameBytes))
            {
                return true;
            }
        }
        return false;
    }

    private boolean hasName(final int offset, final byte[] nameBytes)
    {
        if (meta.getInt(offset + NAME_LENGTH_OFFSET) != nameBytes.length)
        {
            return false;
        }
        for (int i = 0; i < nameBytes.length; i++)
        {
            if (meta.getByte(offset + NAME_OFFSET + i) != nameBytes[i])
            {
                return false;
            }
        }
        return true;
    }

    private void setHolder(final int offset)
    {
        meta.putLong(offset + PID_OFFSET, ProcessIdentity.selfPid());
        meta.putLong(offset + START_TIME_OFFSET, ProcessIdentity.selfStartTime());
    }

    /**
     * Gives a cursor back: a named one is parked at its position, an anonymous one freed.
     *
     * @param offset the cursor.
     * @param word   the state word its holder set.
     * @param park   true to park (a named cursor), false to free.
     * @return true when the word was still the holder's.
     */
    boolean release(final int offset, final long word, final boolean park)
    {
        return meta.compareAndSetLong(offset + STATE_OFFSET, word, sameGeneration(word, park ? PARKED : FREE));
    }

    /**
     * Parks the named cursors and frees the anonymous ones whose holder died.
     *
     * @return cursors released.
     */
    int releaseDead()
    {
        int released = 0;
        for (int i = 0; i < count; i++)
        {
            final int offset = offset(i);
            final long word = meta.getLongVolatile(offset + STATE_OFFSET);
            if (state(word) == ACTIVE && !ProcessIdentity.isAlive(
                meta.getLongVolatile(offset + PID_OFFSET), meta.getLongVolatile(offset + START_TIME_OFFSET)) &&
                release(offset, word, meta.getInt(offset + NAME_LENGTH_OFFSET) > 0))
            {
                released++;
            }
        }
        return released;
    }

    /**
     * @return true when a live process holds a cursor.
     */
    boolean hasLiveHolder()
    {
        for (int i = 0; i < count; i++)
        {
            final int offset = offset(i);
            final int state = state(meta.getLongVolatile(offset + STATE_OFFSET));
            if ((state == ACTIVE || state == CLAIMED) && ProcessIdentity.isAlive(
                meta.getLongVolatile(offset + PID_OFFSET), meta.getLongVolatile(offset + START_TIME_OFFSET)))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the lowest position any cursor still needs: held, parked, or being claimed (then 0, since its position
     *         may not be written yet); {@code Long.MAX_VALUE} when there is none.
     */
    long lowestNeededPosition()
    {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < count; i++)
        {
            final int offset = offset(i);
            final int state = state(meta.getLongVolatile(offset + STATE_OFFSET));
            if (state == CLAIMED)
            {
                return 0;
            }
            if (state == ACTIVE || state == PARKED)
            {
                lowest = Math.min(lowest, meta.getLongVolatile(offset + POSITION_OFFSET));
            }
        }
        return lowest;
    }

    /**
     * Frees a named cursor nobody holds (parked, or held by a dead process), so that it no longer holds retention
     * back. Fails closed: a cursor a live process holds or is claiming, or one that changes meanwhile, is left alone.
     *
     * @param name the cursor's name.
     * @return the position it had.
     * @throws RinglineException when there is no such cursor, a live process holds it, or it changed meanwhile.
     */
    long delete(final String name)
    {
        final byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++)
        {
            final int offset = offset(i);
            final long word = meta.getLongVolatile(offset + STATE_OFFSET);
            if (state(word) != FREE && hasName(offset, nameBytes))
            {
                return delete(offset, word, name);
            }
        }
        throw new RinglineException("journal=" + journal + " has no cursor name=" + name);
    }

    private long delete(final int offset, final long word, final String name)
    {
        if (state(word) == CLAIMED || holderAlive(offset, state(word)))
        {
            throw new RinglineException("journal=" + journal + " cursor name=" + name + " is in use by pid=" +
                meta.getLongVolatile(offset + PID_OFFSET) + "; not deleted (close its subscriber first)");
        }
        final long position = meta.getLongVolatile(offset + POSITION_OFFSET);
        if (!meta.compareAndSetLong(offset + STATE_OFFSET, word, sameGeneration(word, FREE)))
        {
            throw new RinglineException("journal=" + journal + " cursor name=" + name + " changed while being " +
                "deleted (a subscriber took it); not deleted");
        }
        return position;
    }

    private boolean holderAlive(final int offset, final int state)
    {
        return (state == ACTIVE || state == CLAIMED) && ProcessIdentity.isAlive(
            meta.getLongVolatile(offset + PID_OFFSET), meta.getLongVolatile(offset + START_TIME_OFFSET));
    }

    /**
     * A {@link ReplayMerge}'s side: asks the journal's recorder where the live channel's position
     * {@code livePosition} falls in the journal.
     *
     * @param offset       the merger's cursor.
     * @param livePosition where its live subscriber joined.
     */
    void requestJoin(final int offset, final long livePosition)
    {
        meta.putLong(offset + JOIN_JOURNAL_POSITION_OFFSET, 0);
        meta.putLongVolatile(offset + JOIN_SOURCE_POSITION_OFFSET, 0);
        meta.putLongVolatile(offset + JOIN_REQUEST_OFFSET, livePosition + 1);
        meta.getAndAddInt(JournalDescriptor.JOIN_REQUESTS_OFFSET, 1);
    }

    /**
     * Withdraws a join request, answered or not.
     *
     * @param offset the merger's cursor.
     */
    void withdrawJoin(final int offset)
    {
        final long request = meta.getLongVolatile(offset + JOIN_REQUEST_OFFSET);
        if (request != 0 && meta.compareAndSetLong(offset + JOIN_REQUEST_OFFSET, request, 0))
        {
            meta.getAndAddInt(JournalDescriptor.JOIN_REQUESTS_OFFSET, -1);
        }
    }

    /**
     * The recorder's side, after recording a message: answers every pending join request whose live position the
     * message ends past. Looks only while requests are outstanding (one load otherwise); a request counts until its
     * merger withdraws it, so a merger that died outstanding costs a recorder a scan per message, nothing more.
     *
     * @param sourcePosition  the live channel's position after the message.
     * @param journalPosition the journal's position after it.
     */
    void answerJoins(final long sourcePosition, final long journalPosition)
    {
        if (meta.getIntVolatile(JournalDescriptor.JOIN_REQUESTS_OFFSET) == 0)
        {
            return;
        }
        for (int i = 0; i < count; i++)
        {
            final int offset = offset(i);
            final long request = meta.getLongVolatile(offset + JOIN_REQUEST_OFFSET);
            if (request != 0 && sourcePosition > request - 1 &&
                state(meta.getLongVolatile(offset + STATE_OFFSET)) == ACTIVE &&
                meta.getLongVolatile(offset + JOIN_SOURCE_POSITION_OFFSET) == 0)
            {
                meta.putLong(offset + JOIN_JOURNAL_POSITION_OFFSET, journalPosition);
                meta.putLongRelease(offset + JOIN_SOURCE_POSITION_OFFSET, sourcePosition);
            }
        }
    }
}
