package io.ringline.journal;

import io.ringline.RinglineException;

import java.nio.file.Path;

/**
 * Administration of a journal's named cursors from outside its subscribers: {@code ringline journal cursor delete}.
 *
 * <pre>{@code
 * long position = JournalCursors.delete(Path.of("/var/lib/app/orders"), "risk"); // retention may now pass it
 * }</pre>
 */
public final class JournalCursors
{
    private JournalCursors()
    {
    }

    /**
     * Deletes a named cursor that no live process holds, so that it no longer holds retention back; a subscriber
     * opening that name later starts afresh at its {@code from=}. Refused (fails closed) while a live process holds
     * or is claiming it.
     *
     * @param directory the journal's directory.
     * @param name      the cursor's name.
     * @return the position the cursor had.
     * @throws RinglineException when the directory is not a journal, there is no such cursor, or a live process
     *                           holds it.
     */
    public static long delete(final Path directory, final String name)
    {
        final Journal journal = JournalVerifier.open(directory);
        try
        {
            return journal.cursors.delete(name);
        }
        finally
        {
            journal.close();
        }
    }
}
