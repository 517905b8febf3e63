package io.ringline.transport.sysvmq;

import io.ringline.os.Native;
import io.ringline.BufferClaim;
import io.ringline.spi.TransportPublisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static io.ringline.transport.sysvmq.SysVMqDescriptor.MTYPE_OFFSET;
import static io.ringline.transport.sysvmq.SysVMqDescriptor.TEXT_OFFSET;

/**
 * A publisher on a System V message queue: each {@code offer} copies the message behind its mtype (type + 1) in a
 * staging {@code struct msgbuf} and sends it with {@code msgsnd(IPC_NOWAIT)}. A full queue (its bytes at
 * {@code msg_qbytes}) gives {@link #BACK_PRESSURED}; a removed queue gives {@link #CLOSED} from then on. A queue
 * needs no peer, so the publisher is connected while it is open and the queue exists.
 *
 * <p>{@code tryClaim} returns {@link #BACK_PRESSURED} when the message would not fit now ({@code msgctl IPC_STAT};
 * a user without read permission skips this check), else hands out the staging buffer (commit before the next
 * {@code offer}). {@code commit} sends it, retrying with a back-off while another publisher has filled the queue
 * meanwhile, until it fits or the queue is removed (the claimed message is then dropped, as the removal dropped
 * every queued one), or the thread is interrupted ({@link IllegalStateException}, message not sent). The position is
 * the number of messages this publisher sent. Not thread-safe.
 */
public final class SysVMqPublisher extends TransportPublisher
{
    private final SysVMqQueue queue;
    private final UnsafeBuffer staging;
    private final long stagingAddress;
    private final IdleStrategy commitIdle = new BackoffIdleStrategy();
    private boolean removed;

    SysVMqPublisher(final String uri, final SysVMqQueue queue)
    {
        super(uri, queue.channel().maxMessageLength, "max-msg of the sysvmq channel");
        this.queue = queue;
        this.staging = new UnsafeBuffer(ByteBuffer.allocateDirect(TEXT_OFFSET + maxMessageLength));
        this.stagingAddress = staging.addressOffset();
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        checkOffer(buffer, offset, length);
        checkType(type);
        if (removed)
        {
            return CLOSED;
        }
        staging.putBytes(TEXT_OFFSET, buffer, offset, length);
        return send(length, type);
    }

    @Override
    public long tryClaim(final int length, final int type, final BufferClaim claim)
    {
        checkClaim(length);
        checkType(type);
        if (removed)
        {
            return CLOSED;
        }
        final int room = queue.room(length);
        if (room == Native.EAGAIN)
        {
            return BACK_PRESSURED;
        }
        if (room != 0)
        {
            removed = true;
            return CLOSED;
        }
        claim.wrap(staging, TEXT_OFFSET, length, type, 0, this);
        return position + 1;
    }

    @Override
    public void commit(final BufferClaim claim)
    {
        checkOpen();
        commitIdle.reset();
        while (send(claim.length(), claim.type()) == BACK_PRESSURED)
        {
            if (Thread.currentThread().isInterrupted())
            {
                throw new IllegalStateException("interrupted while waiting for room in the queue: the claimed " +
                    "message was not sent, channel=" + uri);
            }
            commitIdle.idle();
        }
    }

    @Override
    public void abort(final BufferClaim claim)
    {
        // nothing was sent
    }

    private long send(final int length, final int type)
    {
        staging.putLong(MTYPE_OFFSET, SysVMqDescriptor.mtype(type));
        final int errno = queue.send(stagingAddress, length);
        if (errno == 0)
        {
            return ++position;
        }
        if (errno == Native.EAGAIN)
        {
            return BACK_PRESSURED;
        }
        if (SysVMqQueue.isRemoved(errno))
        {
            removed = true;
            return CLOSED;
        }
        throw new IllegalStateException("msgsnd failed, channel=" + uri + " key=" + queue.channel().keyText() +
            ": " + Native.describe(errno));
    }

    private void checkType(final int type)
    {
        if (type < 0)
        {
            throw new IllegalArgumentException("type=" + type + " must be >= 0: System V mtype = type + 1 must " +
                "be > 0, channel=" + uri);
        }
    }

    @Override
    public boolean isConnected()
    {
        return !closed && !removed;
    }

    @Override
    protected void onClose()
    {
        queue.close();
    }

    @Override
    public String toString()
    {
        return "SysVMqPublisher{channel=" + uri + ", key=" + queue.channel().keyText() + ", position=" + position +
            ", removed=" + removed + ", closed=" + closed + "}";
    }
}
