package io.ringline.transport.sysvmq;

import io.ringline.os.Native;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.spi.TransportSubscriber;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static io.ringline.transport.sysvmq.SysVMqDescriptor.MTYPE_OFFSET;
import static io.ringline.transport.sysvmq.SysVMqDescriptor.TEXT_OFFSET;

/**
 * A subscriber on a System V message queue, a shared work queue: each message goes to one reader. {@code poll} is
 * {@code msgrcv(IPC_NOWAIT)} into a preallocated {@code struct msgbuf} with the {@code msgtyp} of its
 * {@link SysVMqTypeSelection}; it allocates nothing. Messages of types it does not select stay queued for others.
 *
 * <p>System V has no timed receive, so {@code receive} polls with the idle strategy of the {@code Ringline} context
 * (by default a back-off that ends in 1 ms parks). When the queue is removed ({@code msgctl IPC_RMID}, e.g. by
 * {@code Ringline.removeChannel}) the subscriber reaches end of stream: {@link #isEndOfStream()} is true and
 * {@code poll} returns 0. A message longer than this subscriber's max-msg stays queued and {@code poll} throws an
 * {@link IllegalStateException} naming max-msg. The position is the number of messages received; the header's type
 * is mtype - 1, its timestamp 0 and its publisher id -1.
 */
public final class SysVMqSubscriber extends TransportSubscriber
{
    private final SysVMqQueue queue;
    private final long[] msgtypes;
    private final int maxMessageLength;
    private final UnsafeBuffer receiveView;
    private final long receiveAddress;
    private final IdleStrategy idleStrategy;
    private final Header header = new Header();
    private boolean endOfStream;

    SysVMqSubscriber(final String uri, final SysVMqQueue queue, final IdleStrategy idleStrategy)
    {
        super(uri);
        this.queue = queue;
        this.msgtypes = queue.channel().types.msgtypes();
        this.maxMessageLength = queue.channel().maxMessageLength;
        this.receiveView = new UnsafeBuffer(ByteBuffer.allocateDirect(TEXT_OFFSET + maxMessageLength));
        this.receiveAddress = receiveView.addressOffset();
        this.idleStrategy = idleStrategy;
    }

    @Override
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        checkOpen();
        int delivered = 0;
        while (delivered < messageLimit && !endOfStream && !closed)
        {
            final long length = receiveOne();
            if (length < 0)
            {
                final int errno = (int)-length;
                if (errno == Native.ENOMSG)
                {
                    break;
                }
                if (SysVMqQueue.isRemoved(errno))
                {
                    endOfStream = true;
                    break;
                }
                throw receiveFailed(errno);
            }
            header.set(SysVMqDescriptor.type(receiveView.getLong(MTYPE_OFFSET)), ++position, 0, -1);
            handler.onMessage(receiveView, TEXT_OFFSET, (int)length, header);
            delivered++;
        }
        return delivered;
    }

    private long receiveOne()
    {
        long result = -Native.ENOMSG;
        for (final long msgtype : msgtypes)
        {
            result = queue.receive(receiveAddress, maxMessageLength, msgtype);
            if (result != -Native.ENOMSG)
            {
                return result;
            }
        }
        return result;
    }

    private IllegalStateException receiveFailed(final int errno)
    {
        if (errno == Native.E2BIG)
        {
            return new IllegalStateException("a queued message is longer than max-msg=" + maxMessageLength +
                " of this subscriber; it stays in the queue (open the subscriber with a larger max-msg), channel=" +
                uri);
        }
        return new IllegalStateException("msgrcv failed, channel=" + uri + " key=" + queue.channel().keyText() +
            ": " + Native.describe(errno));
    }

    @Override
    protected int pollBeforeWaiting(final MessageHandler handler, final int messageLimit)
    {
        idleStrategy.reset();
        return poll(handler, messageLimit);
    }

    @Override
    protected int await(final MessageHandler handler, final int messageLimit, final long deadlineNs)
    {
        idleStrategy.idle();
        return closed ? 0 : poll(handler, messageLimit);
    }

    /**
     * @return true once the queue was removed; messages it held were discarded with it.
     */
    @Override
    public boolean isEndOfStream()
    {
        return endOfStream;
    }

    /**
     * Closes the queue; the creator removes it when the URI says {@code unlink=true}.
     */
    @Override
    protected void onClose()
    {
        queue.close();
    }

    @Override
    public String toString()
    {
        return "SysVMqSubscriber{channel=" + uri + ", key=" + queue.channel().keyText() + ", types=" +
            queue.channel().types + ", position=" + position + ", endOfStream=" + endOfStream + "}";
    }
}
