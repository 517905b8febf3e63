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
     * {@code strerror(3)}.
     *
     * @param errno error number.
     * @return its description.
     */
    String strerror(int errno);
}
