package io.ringline.os;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc functions Ringline calls through JNR-FFI: the one binding of the engine, the transports, the tools and the
 * benchmarks (nothing else declares a native library, and only {@code io.ringline.os} imports JNR: NativeLayerTest).
 * Every function that reports failure through {@code errno} saves it, so {@link Native#errno()} reads the value of the
 * last call on this thread.
 *
 * <p>Memory is passed by address, a {@code long}: the {@link NativeBuffer#address()} of a structure, the address of a
 * direct buffer's bytes, or 0 for NULL. A POSIX semaphore ({@code sem_t *}) is an address too, the one
 * {@link #sem_open(String, int, int, int)} returns.
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
    int statx(int dirfd, @In String path, int flags, int mask, long buffer);

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
     * {@code msync(2)}: writes a mapped file's dirty pages in a range back to the file.
     *
     * @param address first byte, a multiple of the page size.
     * @param length  number of bytes.
     * @param flags   {@link Native#MS_SYNC} (wait for the write) or {@link Native#MS_ASYNC}.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int msync(long address, long length, int flags);

    /**
     * {@code madvise(2)}: advice about a mapped range; {@link Native#MADV_POPULATE_WRITE} (Linux 5.14+) maps every
     * page of it writable in one call instead of a fault per page.
     *
     * @param address first byte, a multiple of the page size.
     * @param length  number of bytes.
     * @param advice  what to do.
     * @return 0 or -1 with errno (EINVAL on a kernel without the advice).
     */
    @SaveError
    int madvise(long address, @size_t long length, int advice);

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
     * @param address preferred address, or 0.
     * @param flags   SHM_RDONLY and friends.
     * @return the attached address, or (void *) -1 with errno.
     */
    @SaveError
    long shmat(int shmid, long address, int flags);

    /**
     * {@code shmdt(2)}.
     *
     * @param address the address returned by {@link #shmat(int, long, int)}.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int shmdt(long address);

    /**
     * {@code shmctl(2)}.
     *
     * @param shmid  segment id.
     * @param cmd    IPC_STAT, IPC_RMID, ...
     * @param buffer a {@code struct shmid_ds} for IPC_STAT, or 0.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int shmctl(int shmid, int cmd, long buffer);

    /**
     * {@code syscall(2)} for FUTEX_WAIT: {@code syscall(SYS_futex, uaddr, FUTEX_WAIT, val, timeout)}; the kernel
     * ignores the last two futex arguments for this operation. Five arguments keep JNR on its fast call path.
     *
     * @param number  SYS_futex for this architecture.
     * @param address address of the 32-bit futex word.
     * @param op      FUTEX_WAIT (shared: never FUTEX_PRIVATE_FLAG).
     * @param value   expected value.
     * @param timeout relative {@code struct timespec}, or 0 to wait without limit.
     * @return 0 or -1 with errno (EAGAIN, ETIMEDOUT, EINTR).
     */
    @SaveError
    long syscall(long number, long address, int op, int value, long timeout);

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
     * @return the semaphore's address, or 0 (glibc's SEM_FAILED) with errno.
     */
    @SaveError
    long sem_open(@In String name, int flags, int mode, int value);

    /**
     * {@code sem_post(3)}.
     *
     * @param sem semaphore.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int sem_post(long sem);

    /**
     * {@code sem_wait(3)}.
     *
     * @param sem semaphore.
     * @return 0 or -1 with errno (EINTR).
     */
    @SaveError
    int sem_wait(long sem);

    /**
     * {@code sem_trywait(3)}.
     *
     * @param sem semaphore.
     * @return 0 or -1 with errno (EAGAIN).
     */
    @SaveError
    int sem_trywait(long sem);

    /**
     * {@code sem_timedwait(3)}.
     *
     * @param sem     semaphore.
     * @param absTime absolute CLOCK_REALTIME {@code struct timespec}.
     * @return 0 or -1 with errno (ETIMEDOUT, EINTR).
     */
    @SaveError
    int sem_timedwait(long sem, long absTime);

    /**
     * {@code sem_getvalue(3)}.
     *
     * @param sem   semaphore.
     * @param value address of an int that receives the value.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int sem_getvalue(long sem, long value);

    /**
     * {@code sem_close(3)}.
     *
     * @param sem semaphore.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int sem_close(long sem);

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
     * {@code semtimedop(2)}; a timeout of 0 (NULL) waits without limit.
     *
     * @param semid      set id.
     * @param operations array of {@code struct sembuf} (unsigned short num, short op, short flg: 6 bytes each).
     * @param count      number of operations.
     * @param timeout    relative {@code struct timespec}, or 0 to wait without limit.
     * @return 0 or -1 with errno (EAGAIN on timeout, EINTR, EIDRM when removed).
     */
    @SaveError
    int semtimedop(int semid, long operations, @size_t long count, long timeout);

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
     * {@link UnsatisfiedLinkError}, and callers fall back to {@link #sem_timedwait(long, long)}.
     *
     * @param sem     semaphore.
     * @param clockId {@link Native#CLOCK_MONOTONIC} or {@link Native#CLOCK_REALTIME}.
     * @param absTime absolute {@code struct timespec} on that clock.
     * @return 0 or -1 with errno (ETIMEDOUT, EINTR, EINVAL).
     */
    @SaveError
    int sem_clockwait(long sem, int clockId, long absTime);

    /**
     * {@code clock_gettime(2)}.
     *
     * @param clockId  {@link Native#CLOCK_MONOTONIC} or {@link Native#CLOCK_REALTIME}.
     * @param timespec receives the time as a {@code struct timespec}.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int clock_gettime(int clockId, long timespec);

    // --- The kernel transports: descriptors, pipes and FIFOs, poll, POSIX and System V queues, signals. ---
    /**
     * {@code read(2)}.
     *
     * @param fd      file descriptor.
     * @param address destination.
     * @param length  most bytes to read.
     * @return bytes read, 0 at end of file, -1 with errno (EAGAIN when non-blocking and empty).
     */
    @SaveError
    @ssize_t long read(int fd, long address, @size_t long length);

    /**
     * {@code write(2)}.
     *
     * @param fd      file descriptor.
     * @param address source.
     * @param length  bytes to write.
     * @return bytes written, or -1 with errno (EAGAIN, EPIPE).
     */
    @SaveError
    @ssize_t long write(int fd, long address, @size_t long length);

    /**
     * {@code fcntl(2)} with an int argument.
     *
     * @param fd       file descriptor.
     * @param cmd      F_GETFL, F_SETFL, ...
     * @param argument the argument.
     * @return per command, or -1 with errno.
     */
    @SaveError
    int fcntl(int fd, int cmd, int argument);

    /**
     * {@code poll(2)} on an array of {@code struct pollfd} (int fd, short events, short revents).
     *
     * @param fds       the array.
     * @param count     entries.
     * @param timeoutMs -1 forever, 0 at once.
     * @return ready entries, 0 on timeout, -1 with errno.
     */
    @SaveError
    int poll(long fds, long count, int timeoutMs);

    /**
     * {@code pipe2(2)}.
     *
     * @param fds   receives the read end and the write end.
     * @param flags O_CLOEXEC, O_NONBLOCK.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int pipe2(@Out int[] fds, int flags);

    /**
     * {@code mkfifo(3)}.
     *
     * @param path FIFO path.
     * @param mode permission bits (masked by the umask; set them again with chmod).
     * @return 0 or -1 with errno.
     */
    @SaveError
    int mkfifo(@In String path, int mode);

    /**
     * {@code chmod(2)}.
     *
     * @param path file path.
     * @param mode permission bits.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int chmod(@In String path, int mode);

    /**
     * {@code mq_open(3)} with a mode and attributes (ignored without O_CREAT).
     *
     * @param name       "/name".
     * @param flags      O_RDONLY/O_WRONLY/O_RDWR, O_CREAT, O_EXCL, O_NONBLOCK.
     * @param mode       permission bits.
     * @param attributes {@code struct mq_attr}, or 0 for the system defaults.
     * @return a queue descriptor or -1 with errno.
     */
    @SaveError
    int mq_open(@In String name, int flags, int mode, long attributes);

    /**
     * {@code mq_timedsend(3)}.
     *
     * @param mqd      queue descriptor.
     * @param address  message.
     * @param length   message bytes.
     * @param priority 0 to MQ_PRIO_MAX - 1; higher is received first.
     * @param absTime  absolute CLOCK_REALTIME deadline, or 0.
     * @return 0 or -1 with errno (EAGAIN when full and non-blocking, EMSGSIZE).
     */
    @SaveError
    int mq_timedsend(int mqd, long address, @size_t long length, int priority, long absTime);

    /**
     * {@code mq_timedreceive(3)}.
     *
     * @param mqd      queue descriptor.
     * @param address  destination of at least mq_msgsize bytes.
     * @param length   its size.
     * @param priority receives the priority.
     * @param absTime  absolute CLOCK_REALTIME deadline, or 0.
     * @return message bytes, or -1 with errno (EAGAIN when empty and non-blocking, ETIMEDOUT).
     */
    @SaveError
    @ssize_t long mq_timedreceive(int mqd, long address, @size_t long length, @Out int[] priority, long absTime);

    /**
     * {@code mq_getattr(3)}.
     *
     * @param mqd        queue descriptor.
     * @param attributes receives {@code struct mq_attr} (4 longs: flags, maxmsg, msgsize, curmsgs).
     * @return 0 or -1 with errno.
     */
    @SaveError
    int mq_getattr(int mqd, long attributes);

    /**
     * {@code mq_setattr(3)}.
     *
     * @param mqd        queue descriptor.
     * @param attributes new flags (only O_NONBLOCK is used).
     * @param old        receives the old attributes, or 0.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int mq_setattr(int mqd, long attributes, long old);

    /**
     * {@code mq_close(3)}.
     *
     * @param mqd queue descriptor.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int mq_close(int mqd);

    /**
     * {@code mq_unlink(3)}.
     *
     * @param name "/name".
     * @return 0 or -1 with errno.
     */
    @SaveError
    int mq_unlink(@In String name);

    /**
     * {@code msgget(2)}.
     *
     * @param key   System V key.
     * @param flags IPC_CREAT, IPC_EXCL, permission bits.
     * @return queue id or -1 with errno.
     */
    @SaveError
    int msgget(int key, int flags);

    /**
     * {@code msgsnd(2)}.
     *
     * @param msqid   queue id.
     * @param address {@code struct msgbuf}: long mtype (&gt; 0), then the text.
     * @param length  text bytes (without mtype).
     * @param flags   IPC_NOWAIT.
     * @return 0 or -1 with errno (EAGAIN when full and IPC_NOWAIT, EIDRM).
     */
    @SaveError
    int msgsnd(int msqid, long address, @size_t long length, int flags);

    /**
     * {@code msgrcv(2)}.
     *
     * @param msqid   queue id.
     * @param address receives {@code struct msgbuf}.
     * @param length  most text bytes.
     * @param type    0 any; &gt; 0 that type; &lt; 0 the lowest type up to -type.
     * @param flags   IPC_NOWAIT, MSG_NOERROR.
     * @return text bytes, or -1 with errno (ENOMSG when empty and IPC_NOWAIT, E2BIG, EIDRM).
     */
    @SaveError
    @ssize_t long msgrcv(int msqid, long address, @size_t long length, long type, int flags);

    /**
     * {@code msgctl(2)}.
     *
     * @param msqid  queue id.
     * @param cmd    IPC_STAT, IPC_RMID.
     * @param buffer {@code struct msqid_ds}, or 0.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int msgctl(int msqid, int cmd, long buffer);

    /**
     * {@code sigqueue(3)} with an int value.
     *
     * @param pid    target process.
     * @param signal signal number.
     * @param value  {@code union sigval}'s int (passed as a pointer-sized value).
     * @return 0 or -1 with errno.
     */
    @SaveError
    int sigqueue(int pid, int signal, long value);

    /**
     * {@code unlink(2)}.
     *
     * @param path file path.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int unlink(@In String path);

    // --- Unix datagram sockets, which java.nio does not offer (a DatagramChannel takes no Unix-domain address). ---
    /**
     * {@code socket(2)}.
     *
     * @param domain   AF_UNIX.
     * @param type     SOCK_DGRAM, with SOCK_NONBLOCK and SOCK_CLOEXEC.
     * @param protocol 0.
     * @return a descriptor, or -1 with errno.
     */
    @SaveError
    int socket(int domain, int type, int protocol);

    /**
     * {@code bind(2)}.
     *
     * @param fd      socket.
     * @param address a {@code struct sockaddr_un}.
     * @param length  its length.
     * @return 0, or -1 with errno (EADDRINUSE).
     */
    @SaveError
    int bind(int fd, long address, int length);

    /**
     * {@code connect(2)}.
     *
     * @param fd      socket.
     * @param address a {@code struct sockaddr_un}.
     * @param length  its length.
     * @return 0, or -1 with errno (ENOENT, ECONNREFUSED, EPROTOTYPE).
     */
    @SaveError
    int connect(int fd, long address, int length);

    /**
     * {@code send(2)} on a connected socket.
     *
     * @param fd      socket.
     * @param address first byte.
     * @param length  bytes.
     * @param flags   MSG_DONTWAIT, MSG_NOSIGNAL.
     * @return bytes sent, or -1 with errno (EAGAIN, ECONNREFUSED, ENOTCONN).
     */
    @SaveError
    @ssize_t long send(int fd, long address, @size_t long length, int flags);

    /**
     * {@code recv(2)}.
     *
     * @param fd      socket.
     * @param address destination.
     * @param length  room.
     * @param flags   MSG_DONTWAIT.
     * @return bytes received, or -1 with errno (EAGAIN).
     */
    @SaveError
    @ssize_t long recv(int fd, long address, @size_t long length, int flags);

    /**
     * {@code setsockopt(2)}.
     *
     * @param fd     socket.
     * @param level  SOL_SOCKET.
     * @param name   e.g. SO_SNDBUF.
     * @param value  the value.
     * @param length its length.
     * @return 0, or -1 with errno.
     */
    @SaveError
    int setsockopt(int fd, int level, int name, long value, int length);

    /**
     * {@code getsockopt(2)}.
     *
     * @param fd     socket.
     * @param level  SOL_SOCKET.
     * @param name   e.g. SO_SNDBUF.
     * @param value  receives the value.
     * @param length in: room; out: length.
     * @return 0, or -1 with errno.
     */
    @SaveError
    int getsockopt(int fd, int level, int name, long value, long length);

    // --- Where threads run: the benchmarks and the latency tools place their threads (CpuAffinity). ---
    /**
     * {@code sched_setaffinity(2)}.
     *
     * @param pid  0 for the calling thread.
     * @param size bytes of the mask.
     * @param mask the CPU set, one bit per CPU.
     * @return 0 or -1 with errno (EINVAL when the set holds no CPU this thread may use).
     */
    @SaveError
    int sched_setaffinity(int pid, @size_t long size, long mask);

    /**
     * {@code sched_getaffinity(2)} through glibc's wrapper.
     *
     * @param pid  0 for the calling thread.
     * @param size bytes of the mask.
     * @param mask receives the CPU set.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int sched_getaffinity(int pid, @size_t long size, long mask);
}
