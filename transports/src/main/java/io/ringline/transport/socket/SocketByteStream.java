package io.ringline.transport.socket;

import io.ringline.transport.stream.ByteStream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.agrona.CloseHelper;

/**
 * A {@link ByteStream} over a connected, non-blocking {@link SocketChannel} (TCP or Unix stream socket). Every
 * {@link IOException} becomes a return code: a reset or any failure to read is {@link #END_OF_STREAM}, EPIPE or a
 * reset on write is {@link #PEER_CLOSED}.
 *
 * <p><b>Whole frames on write.</b> A TCP socket whose buffer fills takes part of a write (a Unix socket does so for
 * writes over half its send buffer), and the rest of that frame cannot go until the reader reads. So that a frame
 * counts as sent only when it is all on its way, a write the kernel took in part keeps the rest in a tail buffer (one
 * frame at most) and reports the whole frame written; while a tail is pending, {@link #write(ByteBuffer)} first
 * sends it and returns 0 (full) until it is gone. The tail also goes out from {@link #flushTail()}, which the
 * Ringline conductor calls every heartbeat, so the last frame of a burst does not wait for the next {@code offer};
 * and from {@link #close()}, which waits for it while the reader makes progress (up to
 * {@link #CLOSE_FLUSH_TIMEOUT_NS} without progress).
 *
 * <p>One thread reads or writes; {@link #flushTail()} may come from another; {@link #close()} from any.
 */
public final class SocketByteStream implements ByteStream
{
    /** How long {@link #close()} waits for a pending tail without the reader making progress. */
    public static final long CLOSE_FLUSH_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    private final SocketChannel channel;
    private final String description;
    private final ByteBuffer tail;
    private final AtomicBoolean tailLock = new AtomicBoolean();
    private volatile boolean tailPending;
    private volatile boolean peerClosed;
    private SelectorWaiter readWaiter;
    private volatile boolean endOfStream;
    private volatile boolean closed;

    /**
     * @param channel        connected and non-blocking.
     * @param description    for messages, e.g. {@code tcp=127.0.0.1:9000}.
     * @param maxFrameLength the longest frame written, for the tail buffer; 0 for a stream that is only read.
     */
    public SocketByteStream(final SocketChannel channel, final String description, final int maxFrameLength)
    {
        this.channel = channel;
        this.description = description;
        this.tail = maxFrameLength > 0 ? ByteBuffer.allocateDirect(maxFrameLength) : null;
        if (null != tail)
        {
            tail.limit(0);
        }
    }

    @Override
    public int read(final ByteBuffer destination)
    {
        if (endOfStream)
        {
            return END_OF_STREAM;
        }
        try
        {
            final int read = channel.read(destination);
            if (read < 0)
            {
                endOfStream = true;
            }
            return read;
        }
        catch (final IOException ex)
        {
            endOfStream = true; // reset by the peer, or closed under us
            return END_OF_STREAM;
        }
    }

    @Override
    public int write(final ByteBuffer source)
    {
        if (peerClosed)
        {
            return PEER_CLOSED;
        }
        if (tailPending && !sendTail(true))
        {
            return peerClosed ? PEER_CLOSED : 0;
        }
        try
        {
            final int length = source.remaining();
            final int written = channel.write(source);
            if (written > 0 && source.hasRemaining() && null != tail && source.remaining() <= tail.capacity())
            {
                lockTail(true);
                try
                {
                    tail.clear();
                    tail.put(source);
                    tail.flip();
                    tailPending = true;
                }
                finally
                {
                    tailLock.set(false);
                }
                return length;
            }
            return written;
        }
        catch (final IOException ex)
        {
            peerClosed = true;
            return PEER_CLOSED;
        }
    }

    /**
     * Sends what the socket takes of a pending tail, without waiting; for the conductor.
     *
     * @return 1 when bytes of a tail were sent, else 0.
     */
    public int flushTail()
    {
        if (!tailPending || closed)
        {
            return 0;
        }
        final int before = tail.remaining();
        sendTail(false);
        return tail.remaining() < before ? 1 : 0;
    }

    /**
     * @param spin true to wait for the lock, false to give up when another thread holds it.
     * @return true when no tail remains.
     */
    private boolean sendTail(final boolean spin)
    {
        if (!lockTail(spin))
        {
            return false;
        }
        try
        {
            if (tailPending)
            {
                channel.write(tail);
                if (!tail.hasRemaining())
                {
                    tailPending = false;
                }
            }
            return !tailPending;
        }
        catch (final IOException ex)
        {
            peerClosed = true;
            tailPending = false;
            return false;
        }
        finally
        {
            tailLock.set(false);
        }
    }

    private boolean lockTail(final boolean spin)
    {
        while (!tailLock.compareAndSet(false, true))
        {
            if (!spin)
            {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    @Override
    public boolean awaitReadable(final long timeoutNs)
    {
        if (closed)
        {
            return false;
        }
        if (endOfStream)
        {
            return true;
        }
        if (null == readWaiter)
        {
            readWaiter = new SelectorWaiter(channel, SelectionKey.OP_READ, description);
        }
        return readWaiter.await(timeoutNs);
    }

    /**
     * @return true once a read found the end of the stream (the peer closed or reset), or after {@link #close()}.
     */
    public boolean isEndOfStream()
    {
        return endOfStream;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        flushTailBeforeClose();
        closed = true;
        endOfStream = true;
        if (null != readWaiter)
        {
            readWaiter.close();
        }
        CloseHelper.quietClose(channel); // the descriptor is released either way
    }

    private void flushTailBeforeClose()
    {
        long lastProgressNs = System.nanoTime();
        while (tailPending && !peerClosed && channel.isOpen())
        {
            final int before = tail.remaining();
            sendTail(true);
            final long nowNs = System.nanoTime();
            if (tail.remaining() < before)
            {
                lastProgressNs = nowNs;
            }
            else if (nowNs - lastProgressNs > CLOSE_FLUSH_TIMEOUT_NS)
            {
                return;
            }
            else
            {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    @Override
    public String toString()
    {
        return "SocketByteStream{" + description + ", endOfStream=" + endOfStream + ", peerClosed=" + peerClosed +
            ", tailPending=" + tailPending + "}";
    }
}
