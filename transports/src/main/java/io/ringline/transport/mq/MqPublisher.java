package io.ringline.transport.mq;

import io.ringline.os.Native;
import io.ringline.BufferClaim;
import io.ringline.spi.TransportPublisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A publisher on a POSIX message queue: each {@code offer} is one {@code mq_timedsend} on a non-blocking descriptor,
 * the message type being the priority (0 to 32767; higher is received first). A full queue gives
 * {@link #BACK_PRESSURED}. A queue needs no peer, so the publisher is connected as soon as it is open.
 *
 * <p>A message in a direct buffer is sent from where it lies; one in a heap buffer is copied to a staging buffer
 * first. {@code tryClaim} returns {@link #BACK_PRESSURED} when the queue is full ({@code mq_getattr}), else hands out
 * the staging buffer (commit before the next {@code offer}); {@code commit} sends it and, should another publisher
 * have filled the queue meanwhile, waits in {@code mq_timedsend} until a reader makes room (a POSIX queue never goes
 * away while open), so the claim is not lost unless the thread is interrupted while waiting, which makes
 * {@code commit} throw {@link IllegalStateException}. The position is the number of messages this publisher sent.
 * Not thread-safe.
 */
public final class MqPublisher extends TransportPublisher
{
    private final MqQueue queue;
    private final UnsafeBuffer stagingView;
    private final long stagingAddress;

    MqPublisher(final String uri, final MqQueue queue)
    {
        super(uri, queue.maxMessageLength(), "max-msg of the mq queue, its mq_msgsize");
        this.queue = queue;
        this.stagingView = new UnsafeBuffer(ByteBuffer.allocateDirect(maxMessageLength));
        this.stagingAddress = stagingView.addressOffset();
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        checkOffer(buffer, offset, length);
        checkType(type);
        final long address;
        if (null == buffer.byteArray())
        {
            address = buffer.addressOffset() + offset;
        }
        else
        {
            stagingView.putBytes(0, buffer, offset, length);
            address = stagingAddress;
        }
        final int errno = queue.send(address, length, type);
        if (errno == 0)
        {
            return ++position;
        }
        if (errno == Native.EAGAIN)
        {
            return BACK_PRESSURED;
        }
        throw sendFailed(errno);
    }

    @Override
    public long tryClaim(final int length, final int type, final BufferClaim claim)
    {
        checkClaim(length);
        checkType(type);
        if (!queue.hasRoom())
        {
            return BACK_PRESSURED;
        }
        claim.wrap(stagingView, 0, length, type, 0, this);
        return position + 1;
    }

    @Override
    public void commit(final BufferClaim claim)
    {
        checkOpen();
        final int errno = queue.sendWaiting(stagingAddress, claim.length(), claim.type());
        if (errno == Native.EINTR)
        {
            throw new IllegalStateException("interrupted while waiting for room in the queue: the claimed message " +
                "was not sent, channel=" + uri);
        }
        if (errno != 0)
        {
            throw sendFailed(errno);
        }
        position++;
    }

    @Override
    public void abort(final BufferClaim claim)
    {
        // nothing was sent
    }

    private IllegalStateException sendFailed(final int errno)
    {
        return new IllegalStateException("mq_timedsend failed, channel=" + uri + ": " + Native.describe(errno));
    }

    private void checkType(final int type)
    {
        if (type < 0 || type >= MqLimits.MQ_PRIO_MAX)
        {
            throw new IllegalArgumentException("type=" + type + " must be in [0, " + (MqLimits.MQ_PRIO_MAX - 1) +
                "]: on mq the type is the message priority, channel=" + uri);
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
    public boolean isConnected()
    {
        return !closed;
    }

    @Override
    protected void onClose()
    {
        queue.close();
    }

    @Override
    public String toString()
    {
        return "MqPublisher{channel=" + uri + ", position=" + position + ", closed=" + closed + "}";
    }
}
