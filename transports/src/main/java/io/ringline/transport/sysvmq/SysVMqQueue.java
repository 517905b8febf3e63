package io.ringline.transport.sysvmq;

import io.ringline.os.Native;
import io.ringline.os.LibC;
import io.ringline.RinglineException;
import io.ringline.os.NativeBuffer;
import io.ringline.os.Owner;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One System V message queue, by id: creating it ({@code msgget} with {@code IPC_CREAT | IPC_EXCL | perm}; System V
 * modes ignore the umask) or joining it (asking {@code msgget} for the access the role needs, so that a queue this
 * user may not use is refused when it is opened, not on the first message), sending, receiving and removing.
 *
 * <p>The hot-path calls return codes, never throw: 0 or a positive errno for sends, the length or a negative errno
 * for receives. {@link Native#EIDRM} and {@link Native#EINVAL} both mean the queue was removed (EIDRM when it happened
 * during the call, EINVAL when the id no longer exists).
 */
final class SysVMqQueue
{
    private static final LibC IO = Native.libc();
    private static final int READ = 0400;
    private static final int WRITE = 0200;
    private static final int MAX_OPEN_ATTEMPTS = 16;

    private final SysVMqChannel channel;
    private final int id;
    private final boolean created;
    private final NativeBuffer status = new NativeBuffer(SysVMqDescriptor.MSQID_DS_LENGTH);
    private boolean closed;

    private SysVMqQueue(final SysVMqChannel channel, final int id, final boolean created)
    {
        this.channel = channel;
        this.id = id;
        this.created = created;
    }

    /**
     * Creates the queue (when {@code create} allows and it is missing) or joins it.
     *
     * @param channel the validated URI.
     * @param writer  true for a publisher (needs write permission), false for a subscriber (read).
     * @return the open queue.
     * @throws RinglineException naming the URI, the key and the cause.
     */
    static SysVMqQueue open(final SysVMqChannel channel, final boolean writer)
    {
        final String role = writer ? "writing" : "reading";
        for (int attempt = 0; attempt < MAX_OPEN_ATTEMPTS; attempt++)
        {
            if (channel.create)
            {
                final int id = IO.msgget(channel.key, Native.IPC_CREAT | Native.IPC_EXCL | channel.perm);
                if (id >= 0)
                {
                    return new SysVMqQueue(channel, id, true);
                }
                final int errno = Native.errno();
                if (errno != Native.EEXIST)
                {
                    throw new RinglineException("channel=" + channel.uri + " key=" + channel.keyText() +
                        " queue could not be created: " + Native.describe(errno) + hint(errno));
                }
            }
            final int id = IO.msgget(channel.key, writer ? WRITE : READ);
            if (id >= 0)
            {
                checkOwner(channel, id);
                return new SysVMqQueue(channel, id, false);
            }
            final int errno = Native.errno();
            if (errno == Native.ENOENT && !channel.create)
            {
                throw new RinglineException("channel=" + channel.uri + " key=" + channel.keyText() +
                    " queue does not exist (create=false)");
            }
            if (errno != Native.ENOENT)
            {
                throw new RinglineException("channel=" + channel.uri + " key=" + channel.keyText() +
                    " queue could not be opened for " + role + ": " + Native.describe(errno) + hint(errno));
            }
            // removed between our create attempt and our open: try again
        }
        throw new RinglineException("channel=" + channel.uri + " key=" + channel.keyText() + " queue was created " +
            "and removed by others " + MAX_OPEN_ATTEMPTS + " times while this process opened it");
    }

    private static void checkOwner(final SysVMqChannel channel, final int id)
    {
        if (Owner.expectedUid(channel.parsed) == Owner.ANY_UID)
        {
            return;
        }
        final NativeBuffer status = new NativeBuffer(SysVMqDescriptor.MSQID_DS_LENGTH);
        if (IO.msgctl(id, Native.IPC_STAT, status.address()) != 0)
        {
            throw new RinglineException("channel=" + channel.uri + " key=" + channel.keyText() + " queue: its owner " +
                "could not be established (IPC_STAT: " + Native.describe(Native.errno()) + "), so it is refused; a queue " +
                "this user owns always lets it read its status (any-owner=true opens another user's queue)");
        }
        Owner.checkSystemV(channel.parsed, "key=" + channel.keyText() + " queue", status.buffer());
    }

    private static String hint(final int errno)
    {
        switch (errno)
        {
            case Native.EACCES:
                return " (the queue's mode does not let this user in; see perm=)";
            case Native.ENOSPC:
                return " (msgmni reached: /proc/sys/kernel/msgmni)";
            default:
                return "";
        }
    }

    /**
     * Removes the queue with this key, if any ({@code msgctl IPC_RMID}): its messages are discarded and its users
     * get EIDRM or EINVAL from then on.
     *
     * @param uri the URI, for messages.
     * @param key the key.
     * @return true when a queue was removed.
     * @throws RinglineException when the queue exists but this user may not remove it.
     */
    static boolean remove(final String uri, final int key)
    {
        final int id = IO.msgget(key, 0);
        if (id < 0)
        {
            final int errno = Native.errno();
            if (errno == Native.ENOENT)
            {
                return false;
            }
            throw new RinglineException("channel=" + uri + " key=" + String.format("0x%08x", key) +
                " queue could not be looked up: " + Native.describe(errno));
        }
        if (IO.msgctl(id, Native.IPC_RMID, 0L) == 0)
        {
            return true;
        }
        final int errno = Native.errno();
        if (errno == Native.EINVAL || errno == Native.EIDRM)
        {
            return false; // removed by someone else meanwhile
        }
        throw new RinglineException("channel=" + uri + " key=" + String.format("0x%08x", key) + " queue id=" + id +
            " could not be removed: " + Native.describe(errno) +
            (errno == Native.EPERM ? " (only its owner, its creator or a privileged user may)" : ""));
    }

    /**
     * Sends without waiting.
     *
     * @param msgbuf address of a {@code struct msgbuf} (mtype, then the text).
     * @param length text bytes.
     * @return 0, or errno: {@link Native#EAGAIN} when the queue is full, EIDRM or EINVAL when it was removed.
     */
    int send(final long msgbuf, final int length)
    {
        int errno;
        do
        {
            if (IO.msgsnd(id, msgbuf, length, Native.IPC_NOWAIT) == 0)
            {
                return 0;
            }
            errno = Native.errno();
        }
        while (errno == Native.EINTR);
        return errno;
    }

    /**
     * Receives without waiting.
     *
     * @param msgbuf  address of a {@code struct msgbuf} with room for {@code maxLength} text bytes.
     * @param maxLength most text bytes.
     * @param msgtyp  0 any, &gt; 0 that mtype, &lt; 0 the lowest mtype up to -msgtyp.
     * @return text bytes, or -errno: -{@link Native#ENOMSG} when nothing matches, -{@link Native#E2BIG} when the message is
     * longer than {@code maxLength} (it stays queued), -EIDRM or -EINVAL when the queue was removed.
     */
    long receive(final long msgbuf, final int maxLength, final long msgtyp)
    {
        while (true)
        {
            final long length = IO.msgrcv(id, msgbuf, maxLength, msgtyp, Native.IPC_NOWAIT);
            if (length >= 0)
            {
                return length;
            }
            final int errno = Native.errno();
            if (errno != Native.EINTR)
            {
                return -errno;
            }
        }
    }

    /**
     * Whether a message of this length fits now, by the kernel's rule (bytes queued + length &lt;= msg_qbytes, and
     * messages queued + 1 &lt;= msg_qbytes), read with {@code msgctl(IPC_STAT)}, which needs read permission.
     *
     * @param length text bytes.
     * @return 0 when it fits or the status may not be read (a write-only user), {@link Native#EAGAIN} when it does not,
     * EIDRM or EINVAL when the queue was removed.
     */
    int room(final int length)
    {
        if (IO.msgctl(id, Native.IPC_STAT, status.address()) != 0)
        {
            final int errno = Native.errno();
            return isRemoved(errno) ? errno : 0;
        }
        final UnsafeBuffer msqidDs = status.buffer();
        final long qbytes = msqidDs.getLong(SysVMqDescriptor.QBYTES_OFFSET);
        return msqidDs.getLong(SysVMqDescriptor.CBYTES_OFFSET) + length <= qbytes &&
            msqidDs.getLong(SysVMqDescriptor.QNUM_OFFSET) + 1 <= qbytes ? 0 : Native.EAGAIN;
    }

    /**
     * @param errno a result of {@link #send} or the negated result of {@link #receive}.
     * @return true when it means the queue is gone.
     */
    static boolean isRemoved(final int errno)
    {
        return errno == Native.EIDRM || errno == Native.EINVAL;
    }

    /**
     * @return the queue id.
     */
    int id()
    {
        return id;
    }

    /**
     * @return true when this process created the queue.
     */
    boolean created()
    {
        return created;
    }

    /**
     * @return the validated URI.
     */
    SysVMqChannel channel()
    {
        return channel;
    }

    /**
     * Forgets the queue; the creator removes it when the URI says {@code unlink=true}. Idempotent.
     */
    void close()
    {
        if (!closed)
        {
            closed = true;
            if (created && channel.unlink)
            {
                IO.msgctl(id, Native.IPC_RMID, 0L);
            }
        }
    }

    @Override
    public String toString()
    {
        return "SysVMqQueue{channel=" + channel.uri + ", key=" + channel.keyText() + ", id=" + id + ", created=" +
            created + "}";
    }
}
