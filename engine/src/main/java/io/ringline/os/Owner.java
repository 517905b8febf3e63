package io.ringline.os;

import io.ringline.ChannelUri;
import io.ringline.RinglineException;
import org.agrona.DirectBuffer;

/**
 * The one ownership rule of every channel kind: a process opening an existing object (a ring file or segment, a
 * FIFO, a queue, a socket, a semaphore) must own it, unless the URI says {@code any-owner=true}. Another user's object
 * may have been planted to read what this process sends, or to feed it.
 *
 * <p>The owner is read from the object this process holds (an open descriptor through {@link FileStatus}, or a
 * System V object's {@code IPC_STAT}), never from a path that may not exist or may name something else by then.
 * Where the owner cannot be established the object is refused: the check fails closed.
 */
public final class Owner
{
    /** The URI parameter that accepts an object whoever owns it. */
    public static final String ANY_OWNER = "any-owner";
    /** The expected uid that accepts any owner. */
    public static final int ANY_UID = -1;

    private static final int SELF = Native.libc().geteuid();

    private Owner()
    {
    }

    /**
     * @return the effective uid of this process, the owner of what it creates.
     */
    public static int self()
    {
        return SELF;
    }

    /**
     * @param uri a channel URI.
     * @return {@link #ANY_UID} when it says {@code any-owner=true}, else this process's uid.
     */
    public static int expectedUid(final ChannelUri uri)
    {
        return uri.bool(ANY_OWNER, false) ? ANY_UID : SELF;
    }

    /**
     * Checks the owner of an open descriptor.
     *
     * @param uri  the channel URI, which may say {@code any-owner=true}.
     * @param what the object, for the message, e.g. {@code "fifo=/tmp/orders"}.
     * @param fd   the descriptor this process holds.
     * @return the object's status, for further checks (type, mode).
     * @throws RinglineException naming both uids when another user owns it, or the reason when its owner cannot be
     *                           read.
     */
    public static FileStatus checkDescriptor(final ChannelUri uri, final String what, final int fd)
    {
        return checkDescriptor("channel=" + uri + " " + what, expectedUid(uri), fd);
    }

    /**
     * Checks the owner of an open descriptor.
     *
     * @param subject     the object, for the message, e.g. {@code "channel=shm:orders file=/dev/shm/ringline-orders"}.
     * @param expectedUid the uid it must have, or {@link #ANY_UID}.
     * @param fd          the descriptor this process holds.
     * @return the object's status, for further checks (type, mode).
     * @throws RinglineException naming both uids when another user owns it, or the reason when its owner cannot be
     *                           read.
     */
    public static FileStatus checkDescriptor(final String subject, final int expectedUid, final int fd)
    {
        final FileStatus status;
        try
        {
            status = FileStatus.of(fd);
        }
        catch (final IllegalStateException ex)
        {
            throw new RinglineException(subject + ": its owner could not be established (" + ex.getMessage() +
                "), so it is refused");
        }
        check(subject, expectedUid, status.uid());
        return status;
    }

    /**
     * Names the object at a path with an {@code O_PATH | O_NOFOLLOW} descriptor and checks its owner and type on that
     * descriptor. The caller keeps the descriptor to use that very object (a Unix socket is connected through
     * {@code /proc/self/fd/N}) and closes it.
     *
     * @param uri          the channel URI, which may say {@code any-owner=true}.
     * @param what         the object, for the message, e.g. {@code "socket=/run/app/orders.sock"}.
     * @param path         where it lives.
     * @param expectedType the file type it must have, e.g. {@link FileStatus#S_IFSOCK}.
     * @return the descriptor, or -1 when nothing is at the path.
     * @throws RinglineException when another user owns it, it is of another type or a symbolic link, or its owner
     *                           cannot be read.
     */
    public static int openChecked(final ChannelUri uri, final String what, final String path, final int expectedType)
    {
        final int fd = Native.libc().open(path, Native.O_PATH | Native.O_NOFOLLOW | Native.O_CLOEXEC, 0);
        if (fd < 0)
        {
            final int errno = Native.errno();
            if (errno == Native.ENOENT)
            {
                return -1;
            }
            throw new RinglineException("channel=" + uri + " " + what + " could not be inspected: " +
                Native.describe(errno) + ", so it is refused");
        }
        try
        {
            final FileStatus status = checkDescriptor(uri, what, fd);
            if (status.type() != expectedType)
            {
                throw new RinglineException("channel=" + uri + " " + what + " is not a " + typeName(expectedType) +
                    " (it is a " + typeName(status.type()) + ")");
            }
            return fd;
        }
        catch (final RuntimeException ex)
        {
            Native.libc().close(fd);
            throw ex;
        }
    }

    /**
     * Checks the object at a path as {@link #openChecked} does, and lets it go.
     *
     * @param uri          the channel URI, which may say {@code any-owner=true}.
     * @param what         the object, for the message.
     * @param path         where it lives.
     * @param expectedType the file type it must have.
     * @return false when nothing is at the path.
     * @throws RinglineException as {@link #openChecked} does.
     */
    public static boolean checkAt(final ChannelUri uri, final String what, final String path, final int expectedType)
    {
        final int fd = openChecked(uri, what, path, expectedType);
        if (fd < 0)
        {
            return false;
        }
        Native.libc().close(fd);
        return true;
    }

    private static String typeName(final int type)
    {
        switch (type)
        {
            case FileStatus.S_IFREG:
                return "regular file";
            case FileStatus.S_IFIFO:
                return "FIFO";
            case FileStatus.S_IFSOCK:
                return "socket";
            case 0120000:
                return "symbolic link";
            case 0040000:
                return "directory";
            default:
                return "file of type 0" + Integer.toOctalString(type);
        }
    }

    /**
     * Checks a System V object (segment, queue, semaphore set) from its {@code IPC_STAT} status: its owner and its
     * creator must both be the expected user, since a creator can give an object away ({@code IPC_SET} of the uid)
     * and still change or remove it.
     *
     * @param uri    the channel URI, which may say {@code any-owner=true}.
     * @param what   the object, for the message, e.g. {@code "key=0x52490001 queue"}.
     * @param status the object's status from {@code IPC_STAT}, which starts with {@code struct ipc_perm}.
     * @throws RinglineException naming both uids when another user owns or created it.
     */
    public static void checkSystemV(final ChannelUri uri, final String what, final DirectBuffer status)
    {
        checkSystemV("channel=" + uri + " " + what, expectedUid(uri), status);
    }

    /**
     * @param subject     the object, for the message.
     * @param expectedUid the uid it must have, or {@link #ANY_UID}.
     * @param status      the object's status from {@code IPC_STAT}, which starts with {@code struct ipc_perm}.
     * @throws RinglineException naming both uids when another user owns or created it.
     */
    public static void checkSystemV(final String subject, final int expectedUid, final DirectBuffer status)
    {
        checkSystemV(subject, expectedUid, status.getInt(Native.IPC_PERM_UID_OFFSET),
            status.getInt(Native.IPC_PERM_CUID_OFFSET));
    }

    private static void checkSystemV(final String subject, final int expectedUid, final int uid, final int creatorUid)
    {
        check(subject, expectedUid, uid);
        check(subject + " (its creator)", expectedUid, creatorUid);
    }

    /**
     * @param subject     the object, for the message.
     * @param expectedUid the uid it must have, or {@link #ANY_UID}.
     * @param uid         its owner, read from the object itself.
     * @throws RinglineException naming both uids when another user owns it.
     */
    public static void check(final String subject, final int expectedUid, final int uid)
    {
        if (expectedUid != ANY_UID && uid != expectedUid)
        {
            throw new RinglineException(subject + " is owned by uid=" + uid + ", not by this process's uid=" +
                expectedUid + ": another user's object is not opened unless the URI says " + ANY_OWNER + "=true");
        }
    }
}
