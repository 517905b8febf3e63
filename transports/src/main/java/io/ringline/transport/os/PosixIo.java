package io.ringline.transport.os;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls of the kernel transports, through JNR-FFI: file descriptors, pipes and FIFOs, poll, POSIX and
 * System V message queues, signals. Calls that fail through {@code errno} save it; read it with
 * {@link Io#errno()}.
 */
public interface PosixIo
{
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
     * {@code open(2)}.
     *
     * @param path  file path.
     * @param flags open flags.
     * @param mode  mode of a created file.
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
    int poll(Pointer fds, long count, int timeoutMs);

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
     * @param attributes {@code struct mq_attr}, or null for the system defaults.
     * @return a queue descriptor or -1 with errno.
     */
    @SaveError
    int mq_open(@In String name, int flags, int mode, Pointer attributes);

    /**
     * {@code mq_timedsend(3)}.
     *
     * @param mqd      queue descriptor.
     * @param address  message.
     * @param length   message bytes.
     * @param priority 0 to MQ_PRIO_MAX - 1; higher is received first.
     * @param absTime  absolute CLOCK_REALTIME deadline, or null.
     * @return 0 or -1 with errno (EAGAIN when full and non-blocking, EMSGSIZE).
     */
    @SaveError
    int mq_timedsend(int mqd, long address, @size_t long length, int priority, Pointer absTime);

    /**
     * {@code mq_timedreceive(3)}.
     *
     * @param mqd      queue descriptor.
     * @param address  destination of at least mq_msgsize bytes.
     * @param length   its size.
     * @param priority receives the priority.
     * @param absTime  absolute CLOCK_REALTIME deadline, or null.
     * @return message bytes, or -1 with errno (EAGAIN when empty and non-blocking, ETIMEDOUT).
     */
    @SaveError
    @ssize_t long mq_timedreceive(int mqd, long address, @size_t long length, @Out int[] priority, Pointer absTime);

    /**
     * {@code mq_getattr(3)}.
     *
     * @param mqd        queue descriptor.
     * @param attributes receives {@code struct mq_attr} (4 longs: flags, maxmsg, msgsize, curmsgs).
     * @return 0 or -1 with errno.
     */
    @SaveError
    int mq_getattr(int mqd, Pointer attributes);

    /**
     * {@code mq_setattr(3)}.
     *
     * @param mqd        queue descriptor.
     * @param attributes new flags (only O_NONBLOCK is used).
     * @param old        receives the old attributes, or null.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int mq_setattr(int mqd, Pointer attributes, Pointer old);

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
     * @param buffer {@code struct msqid_ds}, or null.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int msgctl(int msqid, int cmd, Pointer buffer);

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
     * {@code kill(2)}; signal 0 checks that the process exists.
     *
     * @param pid    target process.
     * @param signal signal number.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int kill(int pid, int signal);

    /**
     * {@code unlink(2)}.
     *
     * @param path file path.
     * @return 0 or -1 with errno.
     */
    @SaveError
    int unlink(@In String path);

    /**
     * {@code strerror(3)}.
     *
     * @param errno error number.
     * @return its description.
     */
    String strerror(int errno);

    /**
     * {@code fchmod(2)}: also sets the mode of a POSIX message queue, whose descriptor is a file descriptor on Linux.
     *
     * @param fd   file or queue descriptor.
     * @param mode permission bits (not masked by the umask).
     * @return 0 or -1 with errno.
     */
    @SaveError
    int fchmod(int fd, int mode);
}
