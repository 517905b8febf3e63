package io.ringline.transport.mq;

import io.ringline.os.Native;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber on a POSIX message queue. A queue is a work queue, not a broadcast: each message goes to one reader,
 * the highest priority (type) first, then oldest first within a priority.
 *
 * <p>{@code poll} is {@code mq_timedreceive} on a non-blocking descriptor into a preallocated buffer of the queue's
 * {@code mq_msgsize}: it allocates nothing. {@code receive} with a timeout waits in the kernel
 * ({@code mq_timedreceive} with a CLOCK_REALTIME deadline) in slices of at most 100 ms, so that a {@link #close()}
 * from another thread ends the wait within one slice. The position is the number of messages this subscriber
 * received; the header's timestamp is 0 and its publisher id -1.
 */
public final class MqSubscriber implements Subscriber
{
    /** Longest single wait in the kernel, so that a close from another thread is seen. */
    static final long WAIT_SLICE_NS = 100_000_000L;

    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSING = 2;
    private static final int CLOSED = 3;

    private final String uri;
    private final MqQueue queue;
    private final UnsafeBuffer receiveView;
    private final long receiveAddress;
    private final int[] priority = new int[1];
    private final Header header = new Header();
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private long position;

    MqSubscriber(final String uri, final MqQueue queue)
    {
        this.uri = uri;
        this.queue = queue;
        this.receiveView = new UnsafeBuffer(ByteBuffer.allocateDirect(queue.maxMessageLength()));
        this.receiveAddress = receiveView.addressOffset();
    }

    @Override
    public int poll(final MessageHandler handler, final int messageLimit)
    {
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
    public int receive(final MessageHandler handler, final int messageLimit)
    {
        return receive(handler, messageLimit, Long.MAX_VALUE);
    }

    @Override
    public int receive(final MessageHandler handler, final int messageLimit, final long timeoutNs)
    {
        if (!state.compareAndSet(IDLE, BUSY))
        {
            return 0;
        }
        try
        {
            final int received = drain(handler, messageLimit, 0);
            if (received > 0 || messageLimit <= 0)
            {
                return received;
            }
            final long startNs = System.nanoTime();
            while (state.get() == BUSY)
            {
                final long remainingNs = timeoutNs - (System.nanoTime() - startNs);
                if (remainingNs <= 0)
                {
                    return 0;
                }
                final long length = queue.receiveWaiting(receiveAddress, priority, Math.min(remainingNs,
                    WAIT_SLICE_NS));
                if (length >= 0)
                {
                    deliver(handler, (int)length);
                    return drain(handler, messageLimit, 1);
                }
                if (length != -Native.ETIMEDOUT)
                {
                    throw receiveFailed((int)-length);
                }
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
        while (delivered < messageLimit && state.get() == BUSY)
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

    private void release()
    {
        if (!state.compareAndSet(BUSY, IDLE))
        {
            queue.close(); // closed from another thread, or from the handler, while busy
            state.set(CLOSED);
        }
    }

    /**
     * @return the open queue, for tests in this package.
     */
    MqQueue queue()
    {
        return queue;
    }

    @Override
    public long position()
    {
        return position;
    }

    @Override
    public String channel()
    {
        return uri;
    }

    @Override
    public boolean isClosed()
    {
        return state.get() >= CLOSING;
    }

    /**
     * Closes the descriptor at once, or, when a poll or receive is running on another thread (or this close comes
     * from the handler), as soon as that call returns. Idempotent; callable from any thread.
     */
    @Override
    public void close()
    {
        while (true)
        {
            final int current = state.get();
            if (current == IDLE && state.compareAndSet(IDLE, CLOSED))
            {
                queue.close();
                return;
            }
            if (current == BUSY && state.compareAndSet(BUSY, CLOSING))
            {
                return;
            }
            if (current >= CLOSING)
            {
                return;
            }
        }
    }

    @Override
    public String toString()
    {
        return "MqSubscriber{channel=" + uri + ", position=" + position + ", closed=" + isClosed() + "}";
    }
}
