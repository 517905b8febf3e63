package io.ringline.sync;

import io.ringline.RinglineException;

/**
 * An operating-system call behind a synchronisation object failed: the object does not exist, already exists,
 * may not be opened, or was removed while in use. {@link #errno()} says which, so the caller can act on it; the
 * message names the object and the error, e.g.
 * {@code "sem_open failed: semaphore=/ringline-jobs flags=O_CREAT|O_EXCL mode=0600: Permission denied (errno=13)"}.
 */
public class SyncException extends RinglineException
{
    private static final long serialVersionUID = 1L;

    /** The error number, or 0 when the failure did not come from a system call. */
    private final int errno;

    /**
     * @param message what failed, naming the object and the problem.
     * @param errno   the error number, or 0.
     */
    public SyncException(final String message, final int errno)
    {
        super(message);
        this.errno = errno;
    }

    /**
     * @return the error number of the failed call ({@code Native.EACCES}, {@code Native.EIDRM}, ...), or 0.
     */
    public int errno()
    {
        return errno;
    }
}
