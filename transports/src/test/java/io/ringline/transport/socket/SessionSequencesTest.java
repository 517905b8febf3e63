package io.ringline.transport.socket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Gap counting per publisher session.
 */
class SessionSequencesTest
{
    private final SessionSequences sequences = new SessionSequences();

    @Test
    void aSessionsFirstSequenceIsItsBaselineThenGapsCount()
    {
        assertEquals(0, sequences.onSequence(7, 100));
        assertEquals(0, sequences.onSequence(7, 101));
        assertEquals(3, sequences.onSequence(7, 105));
        assertEquals(SessionSequences.LATE, sequences.onSequence(7, 103));
        assertEquals(SessionSequences.LATE, sequences.onSequence(7, 105));
        assertEquals(0, sequences.onSequence(7, 106));
    }

    @Test
    void interleavedSessionsDoNotCountEachOthersSequencesAsGaps()
    {
        for (long i = 0; i < 10; i++)
        {
            assertEquals(0, sequences.onSequence(1, i));
            assertEquals(0, sequences.onSequence(2, 1000 + i));
        }
        assertEquals(1, sequences.onSequence(2, 1011));
    }

    @Test
    void theLeastRecentlyHeardSessionIsForgottenFirst()
    {
        for (int session = 0; session < SessionSequences.CAPACITY; session++)
        {
            sequences.onSequence(session, 0);
        }
        sequences.onSequence(0, 1); // session 0 is now the most recent; session 1 the least
        sequences.onSequence(SessionSequences.CAPACITY, 0); // evicts session 1
        assertEquals(0, sequences.onSequence(1, 50), "forgotten: a new baseline");
        assertEquals(0, sequences.onSequence(0, 2), "still tracked");
        assertEquals(5, sequences.onSequence(0, 8), "still tracked");
    }
}
