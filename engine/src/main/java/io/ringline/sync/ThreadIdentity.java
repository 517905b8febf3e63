package io.ringline.sync;

import io.ringline.os.Native;
import io.ringline.os.ProcessIdentity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's name for the calling thread, as a {@link RobustMutex} records its owner: the thread id (tid, from
 * {@code /proc/thread-self}) and the thread's start time in clock ticks since boot (field 22 of
 * {@code /proc/TID/stat}). Read once per thread and cached, so locking allocates nothing after a thread's first lock.
 *
 * <p>A platform thread keeps one tid for its life; a virtual thread does not (it moves between carriers), so
 * virtual threads must not hold a {@link RobustMutex}.
 */
final class ThreadIdentity
{
    /** Bits of the lock word's low half that hold the tid; Linux pids and tids are below 2^22. */
    static final int TID_MASK = 0x3FFF_FFFF;

    private static final ThreadLocal<ThreadIdentity> CURRENT = ThreadLocal.withInitial(ThreadIdentity::read);

    final int tid;
    final int startTimeLow;
    /** The lock word this thread writes when it takes a mutex: start time low bits above, tid below. */
    final long lockWord;

    private ThreadIdentity(final int tid, final long startTime)
    {
        if ((tid & ~TID_MASK) != 0 || tid <= 0)
        {
            throw new IllegalStateException("tid=" + tid + " does not fit the lock word's 30 bits");
        }
        this.tid = tid;
        this.startTimeLow = (int)startTime;
        this.lockWord = ((long)startTimeLow << 32) | tid;
    }

    /**
     * @return the calling thread's identity.
     */
    static ThreadIdentity current()
    {
        return CURRENT.get();
    }

    /**
     * Is the thread that wrote this lock word still running? False when its tid is gone, belongs to a zombie, or
     * now names a thread with a different start time (a reused tid). True when {@code /proc} hides the tid
     * (mounted with {@code hidepid}) but {@code kill(tid, 0)} finds it: what cannot be proved dead is alive.
     *
     * @param tid          the owner's tid.
     * @param startTimeLow the low 32 bits of its start time.
     * @return true when it still runs.
     */
    static boolean isAlive(final int tid, final int startTimeLow)
    {
        if (tid <= 0)
        {
            return false;
        }
        if (!ProcessIdentity.isAlive(tid, 0))
        {
            // No /proc entry, or a zombie. A /proc mounted with hidepid hides other users' threads: if kill(2)
            // still finds the tid, it cannot be proved dead, so it counts as alive (never two owners).
            return !Files.exists(Path.of("/proc", Integer.toString(tid))) && isFoundByKill(tid);
        }
        // Two reads of /proc: if the thread dies or the tid is reused between them, the start times differ and
        // the answer is "dead", which is then true.
        return (int)ProcessIdentity.startTimeOf(tid) == startTimeLow;
    }

    private static boolean isFoundByKill(final int tid)
    {
        return Native.libc().kill(tid, 0) == 0 || Native.errno() == Native.EPERM;
    }

    private static ThreadIdentity read()
    {
        final Path self = Path.of("/proc/thread-self");
        try
        {
            final Path target = Files.readSymbolicLink(self); // "PID/task/TID"
            final int tid = Integer.parseInt(target.getFileName().toString());
            final long startTime = ProcessIdentity.startTimeOf(tid);
            if (0 == startTime)
            {
                throw new IllegalStateException("tid=" + tid + " has no start time in /proc/" + tid + "/stat");
            }
            return new ThreadIdentity(tid, startTime);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalStateException("cannot read this thread's id from " + self +
                " (Linux 3.17+ with /proc mounted is required): " + ex, ex);
        }
    }
}
