package io.ringline.transport.mq;

import io.ringline.os.Native;
import io.ringline.os.LibC;
import io.ringline.RinglineException;
import io.ringline.os.NativeBuffer;
import io.ringline.os.Owner;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ringline.transport.mq.MqAttrDescriptor.*;

/**
 * One open POSIX message-queue descriptor: opening (create or join, mode set with {@code fchmod} so the umask cannot
 * change it, attributes checked against the URI), sending, receiving and closing.
 *
 * <p>The descriptor stays {@code O_NONBLOCK} so that sends and polls never wait; the waiting operations switch it to
 * blocking with {@code mq_setattr} for the wait and back afterwards. The flag belongs to this descriptor alone (one
 * open file description), not to other openers of the queue. Not thread-safe: one owner at a time.
 *
 * <p>The hot-path calls return codes, never throw: {@code 0} or a positive errno for sends, the length or a negative
 * errno for receives.
 */
final class MqQueue
{
    private static final LibC IO = Native.libc();
    private static final int MAX_OPEN_ATTEMPTS = 16;

    private final MqChannel channel;
    private final int descriptor;
    private final boolean created;
    private final int depth;
    private final int maxMessageLength;
    private final NativeBuffer attributes;
    private final NativeBuffer blocking = new NativeBuffer(LENGTH);
    private final NativeBuffer nonBlocking = new NativeBuffer(LENGTH);
    private final NativeBuffer deadline = new NativeBuffer(NativeBuffer.TIMESPEC_LENGTH);
    private boolean closed;

    private MqQueue(final MqChannel channel, final int descriptor, final boolean created,
        final NativeBuffer attributes)
    {
        this.channel = channel;
        this.descriptor = descriptor;
        this.created = created;
        this.attributes = attributes;
        this.depth = (int)attributes.buffer().getLong(MAXMSG_OFFSET);
        this.maxMessageLength = (int)attributes.buffer().getLong(MSGSIZE_OFFSET);
        this.nonBlocking.buffer().putLong(FLAGS_OFFSET, Native.O_NONBLOCK);
    }

    /**
     * Creates the queue (when {@code create} allows and it is missing) or joins it.
     *
     * @param channel the validated URI.
     * @param access  {@link Native#O_RDONLY} for a subscriber, {@link Native#O_WRONLY} for a publisher.
     * @return the open queue.
     * @throws RinglineException naming the URI and the cause when the queue cannot be opened, or exists with other
     *                           attributes than the URI gives.
     */
    static MqQueue open(final MqChannel channel, final int access)
    {
        final NativeBuffer attributes = new NativeBuffer(LENGTH);
        final int flags = access | Native.O_NONBLOCK;
        for (int attempt = 0; attempt < MAX_OPEN_ATTEMPTS; attempt++)
        {
            if (channel.create)
            {
                attributes.buffer().putLong(MAXMSG_OFFSET, channel.depth);
                attributes.buffer().putLong(MSGSIZE_OFFSET, channel.maxMessageLength);
                final int descriptor = IO.mq_open(channel.name, flags | Native.O_CREAT | Native.O_EXCL, channel.perm,
                    attributes.address());
                if (descriptor >= 0)
                {
                    setMode(channel, descriptor);
                    return new MqQueue(channel, descriptor, true, readAttributes(channel, descriptor, attributes));
                }
                final int errno = Native.errno();
                if (errno != Native.EEXIST)
                {
                    throw new RinglineException("channel=" + channel.uri + " queue=" + channel.name +
                        " could not be created for " + role(access) + " with depth=" + channel.depth +
                        " max-msg=" + channel.maxMessageLength + ": " + Native.describe(errno) + hint(errno));
                }
            }
            final int descriptor = IO.mq_open(channel.name, flags, 0, 0L);
            if (descriptor >= 0)
            {
                try
                {
                    Owner.checkDescriptor(channel.parsed, "queue=" + channel.name, descriptor);
                }
                catch (final RuntimeException ex)
                {
                    IO.mq_close(descriptor);
                    throw ex;
                }
                checkAttributes(channel, descriptor, readAttributes(channel, descriptor, attributes));
                return new MqQueue(channel, descriptor, false, attributes);
            }
            final int errno = Native.errno();
            if (errno == Native.ENOENT && !channel.create)
            {
                throw new RinglineException("channel=" + channel.uri + " queue=" + channel.name +
                    " does not exist (create=false)");
            }
            if (errno != Native.ENOENT)
            {
                throw new RinglineException("channel=" + channel.uri + " queue=" + channel.name +
                    " could not be opened for " + role(access) + ": " + Native.describe(errno) + hint(errno));
            }
            // removed between our create attempt and our open: try again
        }
        throw new RinglineException("channel=" + channel.uri + " queue=" + channel.name + " was created and " +
            "removed by others " + MAX_OPEN_ATTEMPTS + " times while this process opened it");
    }

    private static void setMode(final MqChannel channel, final int descriptor)
    {
        if (IO.fchmod(descriptor, channel.perm) != 0)
        {
            final int errno = Native.errno();
            IO.mq_close(descriptor);
            IO.mq_unlink(channel.name);
            throw new RinglineException("channel=" + channel.uri + " queue=" + channel.name + " mode=" +
                Integer.toOctalString(channel.perm) + " could not be set: " + Native.describe(errno));
        }
    }

    private static NativeBuffer readAttributes(
        final MqChannel channel, final int descriptor, final NativeBuffer attributes)
    {
        if (IO.mq_getattr(descriptor, attributes.address()) != 0)
        {
            final int errno = Native.errno();
            IO.mq_close(descriptor);
            throw new RinglineException("channel=" + channel.uri + " queue=" + channel.name +
                " attributes could not be read: " + Native.describe(errno));
        }
        return attributes;
    }

    private static void checkAttributes(final MqChannel channel, final int descriptor, final NativeBuffer attributes)
    {
        final long depth = attributes.buffer().getLong(MAXMSG_OFFSET);
        final long maxMessageLength = attributes.buffer().getLong(MSGSIZE_OFFSET);
        if (channel.depthGiven && depth != channel.depth ||
            channel.maxMessageLengthGiven && maxMessageLength != channel.maxMessageLength)
        {
            IO.mq_close(descriptor);
            throw new RinglineException("channel=" + channel.uri + " queue=" + channel.name + " exists with depth=" +
                depth + " max-msg=" + maxMessageLength + " but the URI asks for" +
                (channel.depthGiven ? " depth=" + channel.depth : "") +
                (channel.maxMessageLengthGiven ? " max-msg=" + channel.maxMessageLength : "") +
                ": match the URI to the queue, or remove the queue (Ringline.removeChannel) to recreate it");
        }
    }

    private static String role(final int access)
    {
        return access == Native.O_RDONLY ? "reading" : "writing";
    }

    private static String hint(final int errno)
    {
        switch (errno)
        {
            case Native.EACCES:
                return " (the queue's mode does not let this user in; see perm=)";
            case Native.EINVAL:
                return " (depth or max-msg refused by the kernel; limits are in " + MqLimits.DIR + ")";
            case Native.EMFILE:
                return " (too many descriptors, or RLIMIT_MSGQUEUE reached: the bytes of all queues of this user, " +
                    "see ulimit -q)";
            case Native.ENOSPC:
                return " (queues_max reached: " + MqLimits.DIR.resolve("queues_max") + ")";
            default:
                return "";
        }
    }

    /**
     * Sends without waiting.
     *
     * @param address  first byte of the message.
     * @param length   message bytes, at most {@link #maxMessageLength()}.
     * @param priority 0 to {@link MqLimits#MQ_PRIO_MAX} - 1.
     * @return 0, or errno: {@link Native#EAGAIN} when the queue is full.
     */
    int send(final long address, final int length, final int priority)
    {
        int errno;
        do
        {
            if (IO.mq_timedsend(descriptor, address, length, priority, 0L) == 0)
            {
                return 0;
            }
            errno = Native.errno();
        }
        while (errno == Native.EINTR);
        return errno;
    }

    /**
     * Sends, waiting as long as the queue is full (a POSIX queue never goes away while a descriptor is open), in
     * slices of {@link MqSubscriber#WAIT_SLICE_NS} between which the thread's interrupt flag is checked.
     *
     * @param address  first byte of the message.
     * @param length   message bytes.
     * @param priority message priority.
     * @return 0, {@link Native#EINTR} when the thread was interrupted while waiting, or errno of an unexpected failure.
     */
    int sendWaiting(final long address, final int length, final int priority)
    {
        final int errno = send(address, length, priority);
        if (errno != Native.EAGAIN)
        {
            return errno;
        }
        setFlags(blocking);
        try
        {
            while (!Thread.currentThread().isInterrupted())
            {
                if (IO.mq_timedsend(descriptor, address, length, priority, deadline(MqSubscriber.WAIT_SLICE_NS)) == 0)
                {
                    return 0;
                }
                final int error = Native.errno();
                if (error != Native.EINTR && error != Native.ETIMEDOUT)
                {
                    return error;
                }
            }
            return Native.EINTR;
        }
        finally
        {
            setFlags(nonBlocking);
        }
    }

    /**
     * @return true when the queue has room for one more message now ({@code mq_curmsgs < mq_maxmsg}).
     */
    boolean hasRoom()
    {
        final UnsafeBuffer status = attributes.buffer();
        return IO.mq_getattr(descriptor, attributes.address()) != 0 ||
            status.getLong(CURMSGS_OFFSET) < status.getLong(MAXMSG_OFFSET);
    }

    /**
     * Receives the highest-priority message without waiting.
     *
     * @param address  destination of at least {@link #maxMessageLength()} bytes.
     * @param priority receives the message's priority at index 0.
     * @return the message length, or -errno: -{@link Native#EAGAIN} when the queue is empty.
     */
    long receive(final long address, final int[] priority)
    {
        while (true)
        {
            final long length = IO.mq_timedreceive(descriptor, address, maxMessageLength, priority, 0L);
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
     * Receives the highest-priority message, waiting for one up to a deadline ({@code mq_timedreceive} with an
     * absolute CLOCK_REALTIME time; EINTR retried).
     *
     * @param address   destination of at least {@link #maxMessageLength()} bytes.
     * @param priority  receives the message's priority at index 0.
     * @param timeoutNs longest wait.
     * @return the message length, or -errno: -{@link Native#ETIMEDOUT} when nothing came.
     */
    long receiveWaiting(final long address, final int[] priority, final long timeoutNs)
    {
        final long absTime = deadline(timeoutNs);
        setFlags(blocking);
        try
        {
            while (true)
            {
                final long length = IO.mq_timedreceive(descriptor, address, maxMessageLength, priority, absTime);
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
        finally
        {
            setFlags(nonBlocking);
        }
    }

    private long deadline(final long timeoutNs)
    {
        return deadline.putTimespec(System.currentTimeMillis() * 1_000_000L + timeoutNs);
    }

    private void setFlags(final NativeBuffer flags)
    {
        if (IO.mq_setattr(descriptor, flags.address(), 0L) != 0)
        {
            throw new IllegalStateException("mq_setattr failed, channel=" + channel.uri + " queue=" + channel.name +
                ": " + Native.describe(Native.errno()));
        }
    }

    /**
     * @return the queue descriptor (a file descriptor on Linux).
     */
    int descriptor()
    {
        return descriptor;
    }

    /**
     * @return true when this process created the queue.
     */
    boolean created()
    {
        return created;
    }

    /**
     * @return the queue's {@code mq_maxmsg}.
     */
    int depth()
    {
        return depth;
    }

    /**
     * @return the queue's {@code mq_msgsize}.
     */
    int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * @return the validated URI.
     */
    MqChannel channel()
    {
        return channel;
    }

    /**
     * Closes the descriptor; the creator also unlinks the name when the URI says {@code unlink=true}. Idempotent.
     */
    void close()
    {
        if (!closed)
        {
            closed = true;
            IO.mq_close(descriptor);
            if (created && channel.unlink)
            {
                IO.mq_unlink(channel.name);
            }
        }
    }

    @Override
    public String toString()
    {
        return "MqQueue{channel=" + channel.uri + ", descriptor=" + descriptor + ", created=" + created +
            ", depth=" + depth + ", maxMessageLength=" + maxMessageLength + "}";
    }
}
