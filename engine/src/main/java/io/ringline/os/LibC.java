package io.ringline.os;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;

/**
 * The libc functions Ringline calls through JNR-FFI. Every function that reports failure through {@code errno}
 * saves it, so {@link Native#errno()} reads the value of the last call on this thread.
 */
public interface LibC
{
    /**
     * {@code getpid(2)}.
     *
     * @return the pid of this process.
     */
    int getpid();

    /**
     * {@code geteuid(2)}.
     *
     * @return the effective uid of this process, the one that owns what it creates.
     */
    int geteuid();

    /**
     * {@code kill(2)}; signal 0 only checks that the process exists.
     *
     * @param pid    target process.
     * @param signal signal number.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int kill(int pid, int signal);

    /**
     * {@code open(2)} with a mode.
     *
     * @param path  file path.
     * @param flags open flags.
     * @param mode  permission bits for a created file.
     * @return a file descriptor or -1 with errno.
     */
    @SaveError
    int open(@In String path, int flags, int mode);

    /**
     * {@code close(2)}.
     *
     * @param fd file descriptor.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int close(int fd);

    /**
     * {@code fchmod(2)}: sets the mode after creation, so the umask cannot widen or narrow it.
     *
     * @param fd   file descriptor.
     * @param mode permission bits.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int fchmod(int fd, int mode);

    /**
     * {@code statx(2)}: the status of an open object when called with an empty path and {@code AT_EMPTY_PATH}, so that
     * what is checked is the object this process holds, not whatever a path names at the time of the check. The
     * layout of {@code struct statx} is the same on every architecture ({@link FileStatus}).
     *
     * @param dirfd  the descriptor to describe, with {@code AT_EMPTY_PATH} and an empty path.
     * @param path   empty, or a path relative to {@code dirfd}.
     * @param flags  {@code AT_EMPTY_PATH}, {@code AT_SYMLINK_NOFOLLOW}.
     * @param mask   the fields wanted ({@code STATX_TYPE | STATX_MODE | STATX_UID ...}).
     * @param buffer {@link FileStatus#LENGTH} bytes that receive the {@code struct statx}.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int statx(int dirfd, @In String path, int flags, int mask, Pointer buffer);

    /**
     * {@code posix_fallocate(3)}: reserves the file's blocks now, so a full filesystem is an error here and not a
     * SIGBUS on first touch of a mapped page.
     *
     * @param fd     file descriptor.
     * @param offset first byte.
     * @param length number of bytes.
     * @return 0 or an error number (errno is not set).
     */
    int posix_fallocate(int fd, long offset, long length);

    /**
     * {@code shmget(2)}.
     *
     * @param key   System V key.
     * @param size  segment size in bytes.
     * @param flags IPC_CREAT, IPC_EXCL and permission bits.
     * @return the segment id or -1 with errno.
     */
    @SaveError
    int shmget(int key, @size_t long size, int flags);

    /**
     * {@code shmat(2)}.
     *
     * @param shmid   segment id.
     * @param address preferred address, or null.
     * @param flags   SHM_RDONLY and friends.
     * @return the attached address, or (void *) -1 with errno.
     */
    @SaveError
    Pointer shmat(int shmid, Pointer address, int flags);

    /**
     * {@code shmdt(2)}.
     *
     * @param address the address returned by {@link #shmat(int, Pointer, int)}.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int shmdt(Pointer address);

    /**
     * {@code shmctl(2)}.
     *
     * @param shmid  segment id.
     * @param cmd    IPC_STAT, IPC_RMID, ...
     * @param buffer a {@code struct shmid_ds} for IPC_STAT, or null.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int shmctl(int shmid, int cmd, @Out Pointer buffer);

    /**
     * {@code syscall(2)} for FUTEX_WAIT: {@code syscall(SYS_futex, uaddr, FUTEX_WAIT, val, timeout)}; the kernel
     * ignores the last two futex arguments for this operation. Five arguments keep JNR on its fast call path.
     *
     * @param number  SYS_futex for this architecture.
     * @param address address of the 32-bit futex word.
     * @param op      FUTEX_WAIT (shared: never FUTEX_PRIVATE_FLAG).
     * @param value   expected value.
     * @param timeout relative {@code struct timespec}, or null to wait without limit.
     * @return 0 or -1 with errno (EAGAIN, ETIMEDOUT, EINTR).
     */
    @SaveError
    long syscall(long number, long address, int op, int value, Pointer timeout);

    /**
     * {@code syscall(2)} for FUTEX_WAKE: {@code syscall(SYS_futex, uaddr, FUTEX_WAKE, count)}.
     *
     * @param number  SYS_futex for this architecture.
     * @param address address of the 32-bit futex word.
     * @param op      FUTEX_WAKE (shared: never FUTEX_PRIVATE_FLAG).
     * @param count   how many to wake.
     * @return number woken, or -1 with errno.
     */
    @SaveError
    long syscall(long number, long address, int op, int count);

    /**
     * {@code sem_open(3)} with O_CREAT's mode and value (ignored without O_CREAT).
     *
     * @param name  "/name".
     * @param flags O_CREAT, O_EXCL.
     * @param mode  permission bits.
     * @param value initial value.
     * @return the semaphore, or null (SEM_FAILED) with errno.
     */
    @SaveError
    Pointer sem_open(@In String name, int flags, int mode, int value);

    /**
     * {@code sem_post(3)}.
     *
     * @param sem semaphore.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int sem_post(Pointer sem);

    /**
     * {@code sem_wait(3)}.
     *
     * @param sem semaphore.
     * @return 0 or -1 with errno (EINTR).
     */
    @SaveError
    int sem_wait(Pointer sem);

    /**
     * {@code sem_trywait(3)}.
     *
     * @param sem semaphore.
     * @return 0 or -1 with errno (EAGAIN).
     */
    @SaveError
    int sem_trywait(Pointer sem);

    /**
     * {@code sem_timedwait(3)}.
     *
     * @param sem     semaphore.
     * @param absTime absolute CLOCK_REALTIME {@code struct timespec}.
     * @return 0 or -1 with errno (ETIMEDOUT, EINTR).
     */
    @SaveError
    int sem_timedwait(Pointer sem, Pointer absTime);

    /**
     * {@code sem_getvalue(3)}.
     *
     * @param sem   semaphore.
     * @param value receives the value.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int sem_getvalue(Pointer sem, @Out int[] value);

    /**
     * {@code sem_close(3)}.
     *
     * @param sem semaphore.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int sem_close(Pointer sem);

    /**
     * {@code sem_unlink(3)}.
     *
     * @param name "/name".
     * @return 0 or -1 with errno.
     */
    @SaveError
    int sem_unlink(@In String name);

    /**
     * {@code semget(2)}.
     *
     * @param key   System V key.
     * @param count semaphores in the set.
     * @param flags IPC_CREAT, IPC_EXCL, permission bits.
     * @return the set id or -1 with errno.
     */
    @SaveError
    int semget(int key, int count, int flags);

    /**
     * {@code semtimedop(2)}; a null timeout waits without limit.
     *
     * @param semid      set id.
     * @param operations array of {@code struct sembuf} (unsigned short num, short op, short flg: 6 bytes each).
     * @param count      number of operations.
     * @param timeout    relative {@code struct timespec}, or null.
     * @return 0 or -1 with errno (EAGAIN on timeout, EINTR, EIDRM when removed).
     */
    @SaveError
    int semtimedop(int semid, Pointer operations, @size_t long count, Pointer timeout);

    /**
     * {@code semctl(2)} with an int argument (SETVAL) or none (GETVAL, IPC_RMID).
     *
     * @param semid    set id.
     * @param semnum   semaphore index.
     * @param cmd      SETVAL, GETVAL, IPC_RMID...
     * @param argument the value for SETVAL, else 0.
     * @return per command, or -1 with errno.
     */
    @SaveError
    int semctl(int semid, int semnum, int cmd, long argument);

    /**
     * {@code strerror(3)}.
     *
     * @param errno error number.
     * @return its description.
     */
    String strerror(int errno);

    /**
     * {@code sem_clockwait(3)}: like {@code sem_timedwait} but against a chosen clock, so that a change of the wall
     * clock cannot stretch or cut a timeout. Present in glibc 2.30 and later; on an older libc calling it throws
     * {@link UnsatisfiedLinkError}, and callers fall back to {@link #sem_timedwait(Pointer, Pointer)}.
     *
     * @param sem     semaphore.
     * @param clockId {@link Native#CLOCK_MONOTONIC} or {@link Native#CLOCK_REALTIME}.
     * @param absTime absolute {@code struct timespec} on that clock.
     * @return 0 or -1 with errno (ETIMEDOUT, EINTR, EINVAL).
     */
    @SaveError
    int sem_clockwait(Pointer sem, int clockId, Pointer absTime);

    /**
     * {@code clock_gettime(2)}.
     *
     * @param clockId  {@link Native#CLOCK_MONOTONIC} or {@link Native#CLOCK_REALTIME}.
     * @param timespec receives the time as a {@code struct timespec}.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int clock_gettime(int clockId, Pointer timespec);
}
