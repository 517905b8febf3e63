package io.ringline.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Loads {@link LibC} once and names the Linux x86-64 / aarch64 constants Ringline passes to it.
 */
public final class Native
{
    /** open(2): read and write. */
    public static final int O_RDWR = 0x2;
    /** open(2): read only. */
    public static final int O_RDONLY = 0x0;
    /** open(2): create if missing. */
    public static final int O_CREAT = 0x40;
    /** open(2): fail if it exists. */
    public static final int O_EXCL = 0x80;
    /** open(2): do not follow a symbolic link in the last component. */
    public static final int O_NOFOLLOW = 0x20000;
    /** open(2): close on exec. */
    public static final int O_CLOEXEC = 0x80000;
    /** {@code O_PATH}: a descriptor that names a file (a socket, a FIFO) without opening it for I/O. */
    public static final int O_PATH = 0x200000;
    /** {@code O_NONBLOCK}. */
    public static final int O_NONBLOCK = 0x800;
    /** {@code msync(2)}: schedule the write-back and return. */
    public static final int MS_ASYNC = 1;
    /** {@code msync(2)}: write back and wait until done. */
    public static final int MS_SYNC = 4;
    /** {@code madvise(2)}: map every page of the range writable, as writes would, changing no byte (Linux 5.14+). */
    public static final int MADV_POPULATE_WRITE = 23;
    /** {@code AT_EMPTY_PATH}: {@code statx} describes the descriptor itself. */
    public static final int AT_EMPTY_PATH = 0x1000;

    /** System V IPC: create. */
    public static final int IPC_CREAT = 0x200;
    /** System V IPC: fail if it exists. */
    public static final int IPC_EXCL = 0x400;
    /** shmctl: remove the segment once the last process detaches. */
    public static final int IPC_RMID = 0;
    /** shmctl: read {@code struct shmid_ds}. */
    public static final int IPC_STAT = 2;
    /** Length of {@code struct shmid_ds} on 64-bit Linux, rounded up. */
    public static final int SHMID_DS_LENGTH = 128;
    /** Offset of {@code uid} in {@code struct ipc_perm}, the first member of every System V object's status. */
    public static final int IPC_PERM_UID_OFFSET = 4;
    /** Offset of {@code cuid}, the creator, in {@code struct ipc_perm}: a creator may still change or remove it. */
    public static final int IPC_PERM_CUID_OFFSET = 12;
    /** Offset of {@code shm_perm.uid} in {@code struct shmid_ds} on 64-bit Linux. */
    public static final int SHMID_DS_UID_OFFSET = 4;
    /** Offset of {@code shm_perm.mode} in {@code struct shmid_ds} on 64-bit Linux. */
    public static final int SHMID_DS_MODE_OFFSET = 20;
    /** Offset of {@code shm_segsz} in {@code struct shmid_ds} on 64-bit Linux. */
    public static final int SHMID_DS_SEGSZ_OFFSET = 48;

    /** Futex: wait while the word holds the expected value (shared across processes: no PRIVATE flag). */
    public static final int FUTEX_WAIT = 0;
    /** Futex: wake waiters. */
    public static final int FUTEX_WAKE = 1;
    /** syscall number of futex on this architecture (x86-64: 202, aarch64: 98). */
    public static final long SYS_FUTEX = "aarch64".equals(System.getProperty("os.arch")) ? 98 : 202;
    /** semctl: read a semaphore's value. */
    public static final int GETVAL = 12;
    /** semctl: set a semaphore's value. */
    public static final int SETVAL = 16;
    /** sembuf flag: undo the operation when the process exits. */
    public static final short SEM_UNDO = 0x1000;
    /** sembuf flag: do not block. */
    public static final short IPC_NOWAIT = 0x800;

    /** errno: interrupted system call. */
    public static final int EINTR = 4;
    /** errno: try again (futex value changed; semaphore would block or timed out). */
    public static final int EAGAIN = 11;
    /** errno: permission denied. */
    public static final int EACCES = 13;
    /** errno: invalid argument. */
    public static final int EINVAL = 22;
    /** errno: file name too long. */
    public static final int ENAMETOOLONG = 36;
    /** errno: identifier removed (System V). */
    public static final int EIDRM = 43;
    /** errno: timed out. */
    public static final int ETIMEDOUT = 110;
    /** errno: no such process. */
    public static final int ESRCH = 3;
    /** errno: file exists. */
    public static final int EEXIST = 17;
    /** errno: no such file or directory. */
    public static final int ENOENT = 2;
    /** {@code ELOOP}: a symbolic link where {@code O_NOFOLLOW} allows none. */
    public static final int ELOOP = 40;
    /** errno: operation not permitted (e.g. IPC_RMID by a process that neither owns nor created the set). */
    public static final int EPERM = 1;
    /** errno: no space left (System V: the system-wide limit of semaphore sets or semaphores is reached). */
    public static final int ENOSPC = 28;
    /** errno: result out of range (System V: a semaphore would exceed SEMVMX). */
    public static final int ERANGE = 34;
    /** errno: value too large (POSIX: a semaphore would exceed SEM_VALUE_MAX). */
    public static final int EOVERFLOW = 75;

    /** clock_gettime(2): the wall clock. */
    public static final int CLOCK_REALTIME = 0;
    /** clock_gettime(2): the clock that never jumps (System.nanoTime's clock on Linux). */
    public static final int CLOCK_MONOTONIC = 1;

    /** Largest value of a POSIX semaphore on Linux. */
    public static final int SEM_VALUE_MAX = Integer.MAX_VALUE;
    /** Largest value of a System V semaphore on Linux. */
    public static final int SEMVMX = 32767;
    /** semctl: number of processes waiting for the semaphore's value to increase. */
    public static final int GETNCNT = 14;
    /** Length of {@code struct semid_ds} on 64-bit Linux, rounded up. */
    public static final int SEMID_DS_LENGTH = 128;
    /** Offset of {@code sem_otime} (time of the last semop, 0 before the first) in {@code struct semid_ds}. */
    public static final int SEMID_DS_OTIME_OFFSET = 48;
    /** Offset of {@code sem_nsems} in {@code struct semid_ds}: x86-64 keeps high words for the times, aarch64 not. */
    public static final int SEMID_DS_NSEMS_OFFSET = "aarch64".equals(System.getProperty("os.arch")) ? 64 : 80;

    /** open: write only. */
    public static final int O_WRONLY = 1;
    /** fcntl: get status flags. */
    public static final int F_GETFL = 3;
    /** fcntl: set status flags. */
    public static final int F_SETFL = 4;
    /** poll: readable. */
    public static final short POLLIN = 0x1;
    /** poll: writable. */
    public static final short POLLOUT = 0x4;
    /** errno: argument list too long (msgrcv: message longer than the buffer). */
    public static final int E2BIG = 7;
    /** errno: broken pipe. */
    public static final int EPIPE = 32;
    /** errno: no such device or address (opening a FIFO for writing with no reader, non-blocking). */
    public static final int ENXIO = 6;
    /** errno: no message of the desired type. */
    public static final int ENOMSG = 42;
    /** errno: message too long. */
    public static final int EMSGSIZE = 90;
    /** errno: too many open files; for mq_open also RLIMIT_MSGQUEUE (bytes of queues per user) exceeded. */
    public static final int EMFILE = 24;

    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native()
    {
    }

    /**
     * @return the loaded libc binding.
     */
    public static LibC libc()
    {
        return LIBC;
    }

    /**
     * @return errno saved by the last {@code @SaveError} call on this thread.
     */
    public static int errno()
    {
        return RUNTIME.getLastError();
    }

    /**
     * Describes an error number as {@code "strerror (errno=N)"}.
     *
     * @param errno error number.
     * @return the description.
     */
    public static String describe(final int errno)
    {
        return LIBC.strerror(errno) + " (errno=" + errno + ")";
    }
}
