package io.ringline.transport.mq;

import io.ringline.os.Native;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.spi.TransportSubscriber;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber on a POSIX message queue. A queue is a work queue, not a broadcast: each message goes to one reader,
 * the highest priority (type) first, then oldest first within a priority.
 *
 * <p>{@code poll} is {@code mq_timedreceive} on a non-blocking descriptor into a preallocated buffer of the queue's
 * {@code mq_msgsize}: it allocates nothing. {@code receive} with a timeout waits in the kernel
 * ({@code mq_timedreceive} with a CLOCK_REALTIME deadline) in slices of at most {@link #MAX_WAIT_NS}, so that a
 * {@link #close()} from another thread ends the wait within one slice; a message that wait took is delivered, never
 * dropped. The descriptor is closed by whoever leaves it last: the close when no poll or receive is running, else
 * that call as it returns. The position is the number of messages this subscriber received; the header's timestamp
 * is 0 and its publisher id -1.
 */
public final class MqSubscriber extends TransportSubscriber
{
    /** Longest single wait in the kernel, for the waiting send of {@link MqQueue} too. */
    static final long WAIT_SLICE_NS = MAX_WAIT_NS;

    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int RELEASED = 2;

    private final MqQueue queue;
    private final UnsafeBuffer receiveView;
    private final long receiveAddress;
    private final int[] priority = new int[1];
    private final Header header = new Header();
    private final AtomicInteger state = new AtomicInteger(IDLE);

    MqSubscriber(final String uri, final MqQueue queue)
    {
        super(uri);
        this.queue = queue;
        this.receiveView = new UnsafeBuffer(ByteBuffer.allocateDirect(queue.maxMessageLength()));
        this.receiveAddress = receiveView.addressOffset();
    }

    @Override
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        checkOpen();
        if (!state.compareAndSet(IDLE, BUSY))
        {
            throw new IllegalStateException(state.get() == BUSY ?
                "subscriber is in use by another poll or receive (it is not thread-safe), channel=" + uri :
                "subscriber is closed, channel=" + uri);
        }
        try
        {
            return drain(handler, messageLimit, 0);
        }
        finally
        {
            release();
        }
    }

    @Override
    protected int await(final MessageHandler handler, final int messageLimit, final long deadlineNs)
    {
        if (!state.compareAndSet(IDLE, BUSY))
        {
            return 0; // closed meanwhile
        }
        try
        {
            final long length = queue.receiveWaiting(receiveAddress, priority, waitNs(deadlineNs));
            if (length >= 0)
            {
                deliver(handler, (int)length);
                return drain(handler, messageLimit, 1);
            }
            if (length != -Native.ETIMEDOUT)
            {
                throw receiveFailed((int)-length);
            }
            return 0;
        }
        finally
        {
            release();
        }
    }

    private int drain(final MessageHandler handler, final int messageLimit, final int alreadyDelivered)
    {
        int delivered = alreadyDelivered;
        while (delivered < messageLimit && !closed)
        {
            final long length = queue.receive(receiveAddress, priority);
            if (length < 0)
            {
                if (length == -Native.EAGAIN)
                {
                    break;
                }
                throw receiveFailed((int)-length);
            }
            deliver(handler, (int)length);
            delivered++;
        }
        return delivered;
    }

    private void deliver(final MessageHandler handler, final int length)
    {
        header.set(priority[0], ++position, 0, -1);
        handler.onMessage(receiveView, 0, length, header);
    }

    private IllegalStateException receiveFailed(final int errno)
    {
        return new IllegalStateException("mq_timedreceive failed, channel=" + uri + ": " + Native.describe(errno));
    }

    // Leaving a poll or receive: close the descriptor if a close came meanwhile (from another thread or the handler).
    private void release()
    {
        state.set(IDLE);
        if (closed && state.compareAndSet(IDLE, RELEASED))
        {
            queue.close();
        }
    }

    /**
     * @return the open queue, for tests in this package.
     */
    MqQueue queue()
    {
        return queue;
    }

    /**
     * Closes the descriptor at once, or, when a poll or receive is running on another thread (or this close comes
     * from the handler), as soon as that call returns.
     */
    @Override
    protected void onClose()
    {
        if (state.compareAndSet(IDLE, RELEASED))
        {
            queue.close();
        }
    }

    @Override
    public String toString()
    {
        return "MqSubscriber{channel=" + uri + ", position=" + position + ", closed=" + closed + "}";
    }
}
