package io.ringline.os;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The owner, mode and type of an object this process holds open, read with {@code statx(fd, "", AT_EMPTY_PATH)}:
 * a ring file, a FIFO, a POSIX message queue (a file descriptor on Linux), a socket file named by an {@code O_PATH}
 * descriptor. Reading the object itself, never a path, is what makes an ownership check hold: a path may not exist
 * (a POSIX queue where no mqueue file system is mounted) or may name another object by the time it is read.
 *
 * <p>The part of {@code struct statx} read here; its layout is the same on every Linux architecture:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          stx_mask                             |  0
 *  +---------------------------------------------------------------+
 *  |                          stx_blksize                          |  4
 *  +---------------------------------------------------------------+
 *  |                       stx_attributes (8)                      |  8
 *  +---------------------------------------------------------------+
 *  |                          stx_nlink                            | 16
 *  +---------------------------------------------------------------+
 *  |                          stx_uid                              | 20
 *  +---------------------------------------------------------------+
 *  |                          stx_gid                              | 24
 *  +-------------------------------+-------------------------------+
 *  |     stx_mode (type | perm)    |            spare              | 28
 *  +-------------------------------+-------------------------------+
 *  |                          stx_ino (8)                          | 32
 *  +---------------------------------------------------------------+
 *  |                          stx_size (8)                         | 40
 *  +---------------------------------------------------------------+
 *  |                    ... to 256 bytes in all                    |
 * </pre>
 */
public final class FileStatus
{
    /** Bytes of {@code struct statx}. */
    public static final int LENGTH = 256;
    /** Offset of {@code stx_mask}: which fields the kernel filled. */
    public static final int MASK_OFFSET = 0;
    /** Offset of {@code stx_uid}. */
    public static final int UID_OFFSET = 20;
    /** Offset of {@code stx_gid}. */
    public static final int GID_OFFSET = 24;
    /** Offset of {@code stx_mode}, a 16-bit field: file type and permission bits. */
    public static final int MODE_OFFSET = 28;
    /** Offset of {@code stx_size}. */
    public static final int SIZE_OFFSET = 40;

    /** {@code STATX_TYPE}. */
    public static final int STATX_TYPE = 0x1;
    /** {@code STATX_MODE}. */
    public static final int STATX_MODE = 0x2;
    /** {@code STATX_UID}. */
    public static final int STATX_UID = 0x8;
    /** {@code STATX_GID}. */
    public static final int STATX_GID = 0x10;
    /** {@code STATX_SIZE}. */
    public static final int STATX_SIZE = 0x200;

    /** {@code S_IFMT}: the file-type bits of a mode. */
    public static final int S_IFMT = 0170000;
    /** {@code S_IFREG}: a regular file. */
    public static final int S_IFREG = 0100000;
    /** {@code S_IFDIR}: a directory. */
    public static final int S_IFDIR = 0040000;
    /** {@code S_IFIFO}: a FIFO. */
    public static final int S_IFIFO = 0010000;
    /** {@code S_IFSOCK}: a socket. */
    public static final int S_IFSOCK = 0140000;

    private static final int WANTED = STATX_TYPE | STATX_MODE | STATX_UID | STATX_GID | STATX_SIZE;

    private final int uid;
    private final int gid;
    private final int mode;
    private final long size;

    private FileStatus(final int uid, final int gid, final int mode, final long size)
    {
        this.uid = uid;
        this.gid = gid;
        this.mode = mode;
        this.size = size;
    }

    /**
     * Reads the status of an open descriptor.
     *
     * @param fd an open file descriptor (any kind, {@code O_PATH} included).
     * @return its status.
     * @throws IllegalStateException naming the errno when the kernel does not answer, or answers without the owner
     *                               or the mode: a caller checking ownership must then refuse.
     */
    public static FileStatus of(final int fd)
    {
        final NativeBuffer statx = new NativeBuffer(LENGTH);
        final UnsafeBuffer buffer = statx.buffer();
        if (Native.libc().statx(fd, "", Native.AT_EMPTY_PATH, WANTED, statx.address()) != 0)
        {
            throw new IllegalStateException("statx(fd=" + fd + ") failed: " + Native.describe(Native.errno()));
        }
        final int filled = buffer.getInt(MASK_OFFSET);
        final int needed = STATX_TYPE | STATX_MODE | STATX_UID;
        if ((filled & needed) != needed)
        {
            throw new IllegalStateException("statx(fd=" + fd + ") gave no owner or mode: stx_mask=0x" +
                Integer.toHexString(filled));
        }
        return new FileStatus(buffer.getInt(UID_OFFSET), buffer.getInt(GID_OFFSET),
            buffer.getShort(MODE_OFFSET) & 0xFFFF, buffer.getLong(SIZE_OFFSET));
    }

    /**
     * @return the owner's uid.
     */
    public int uid()
    {
        return uid;
    }

    /**
     * @return the group's gid.
     */
    public int gid()
    {
        return gid;
    }

    /**
     * @return the permission bits, e.g. {@code 0600}, with the set-id and sticky bits.
     */
    public int permissions()
    {
        return mode & 07777;
    }

    /**
     * @return the file-type bits, one of {@link #S_IFREG}, {@link #S_IFIFO}, {@link #S_IFSOCK} or another.
     */
    public int type()
    {
        return mode & S_IFMT;
    }

    /**
     * @return the size in bytes (for a POSIX queue, the bytes of its status text).
     */
    public long size()
    {
        return size;
    }

    @Override
    public String toString()
    {
        return "FileStatus{uid=" + uid + " gid=" + gid + " mode=0" + Integer.toOctalString(mode) + " size=" + size + "}";
    }
}
