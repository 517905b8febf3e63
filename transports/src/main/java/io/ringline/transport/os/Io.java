package io.ringline.transport.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Loads {@link PosixIo} once and names the Linux constants the transports pass to it (x86-64 and aarch64 agree on
 * every value here).
 */
public final class Io
{
    /** open: read only. */
    public static final int O_RDONLY = 0;
    /** open: write only. */
    public static final int O_WRONLY = 1;
    /** open: read and write. */
    public static final int O_RDWR = 2;
    /** open: create. */
    public static final int O_CREAT = 0x40;
    /** open: fail if it exists. */
    public static final int O_EXCL = 0x80;
    /** open: non-blocking. */
    public static final int O_NONBLOCK = 0x800;
    /** open: do not follow a symbolic link. */
    public static final int O_NOFOLLOW = 0x20000;
    /** open: close on exec. */
    public static final int O_CLOEXEC = 0x80000;
    /** fcntl: get status flags. */
    public static final int F_GETFL = 3;
    /** fcntl: set status flags. */
    public static final int F_SETFL = 4;
    /** poll: readable. */
    public static final short POLLIN = 0x1;
    /** poll: writable. */
    public static final short POLLOUT = 0x4;
    /** System V: create. */
    public static final int IPC_CREAT = 0x200;
    /** System V: fail if it exists. */
    public static final int IPC_EXCL = 0x400;
    /** System V: do not block. */
    public static final int IPC_NOWAIT = 0x800;
    /** System V: remove. */
    public static final int IPC_RMID = 0;
    /** System V: read status. */
    public static final int IPC_STAT = 2;

    /** errno: no such file or directory. */
    public static final int ENOENT = 2;
    /** errno: interrupted. */
    public static final int EINTR = 4;
    /** errno: argument list too long (msgrcv: message longer than the buffer). */
    public static final int E2BIG = 7;
    /** errno: try again. */
    public static final int EAGAIN = 11;
    /** errno: permission denied. */
    public static final int EACCES = 13;
    /** errno: file exists. */
    public static final int EEXIST = 17;
    /** errno: invalid argument. */
    public static final int EINVAL = 22;
    /** errno: too many open files... or, for mq_open, queue limits exceeded (EMFILE/ENFILE/ENOSPC). */
    public static final int ENOSPC = 28;
    /** errno: broken pipe. */
    public static final int EPIPE = 32;
    /** errno: no such device or address (opening a FIFO for writing with no reader, non-blocking). */
    public static final int ENXIO = 6;
    /** errno: no message of the desired type. */
    public static final int ENOMSG = 42;
    /** errno: identifier removed. */
    public static final int EIDRM = 43;
    /** errno: message too long. */
    public static final int EMSGSIZE = 90;
    /** errno: timed out. */
    public static final int ETIMEDOUT = 110;

    private static final PosixIo IO = LibraryLoader.create(PosixIo.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(IO);

    private Io()
    {
    }

    /**
     * @return the binding.
     */
    public static PosixIo io()
    {
        return IO;
    }

    /**
     * @return the JNR runtime, for allocating native memory.
     */
    public static Runtime runtime()
    {
        return RUNTIME;
    }

    /**
     * @return errno of the last call on this thread.
     */
    public static int errno()
    {
        return RUNTIME.getLastError();
    }

    /**
     * @param errno an error number.
     * @return {@code "strerror (errno=N)"}.
     */
    public static String describe(final int errno)
    {
        return IO.strerror(errno) + " (errno=" + errno + ")";
    }

    /** errno: operation not permitted (e.g. msgctl IPC_RMID by a user who neither owns nor created the queue). */
    public static final int EPERM = 1;
    /** errno: too many open files; for mq_open also RLIMIT_MSGQUEUE (bytes of queues per user) exceeded. */
    public static final int EMFILE = 24;
}
