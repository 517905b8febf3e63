package io.ringline.transport.signal;

import io.ringline.os.Native;
import io.ringline.BufferClaim;
import io.ringline.ClaimCommitter;
import io.ringline.Publisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Sends a message of up to 4 bytes as the int of {@code sigqueue(pid, sig, value)} (little-endian, zero-padded).
 * A target that no longer exists ({@code ESRCH}) is NOT_CONNECTED; liveness is {@code kill(pid, 0)}. A signal
 * that cannot be queued ({@code EAGAIN}: the target's queued-signal limit) is BACK_PRESSURED.
 */
final class SignalPublisher implements Publisher, ClaimCommitter
{
    static final int MAX_LENGTH = 4;
    private static final int ESRCH = 3;

    private final String uri;
    private final int pid;
    private final SignalName signal;
    private final UnsafeBuffer claimBuffer = new UnsafeBuffer(new byte[MAX_LENGTH]);
    private long position;
    private volatile boolean closed;

    SignalPublisher(final String uri, final int pid, final SignalName signal)
    {
        this.uri = uri;
        this.pid = pid;
        this.signal = signal;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        check(length, type);
        if (null == buffer || offset < 0 || (long)offset + length > buffer.capacity())
        {
            throw new IllegalArgumentException("offset=" + offset + " length=" + length + " is outside the buffer" +
                (null == buffer ? " (null)" : " of capacity=" + buffer.capacity()) + ", channel=" + uri);
        }
        int value = 0;
        for (int i = 0; i < length; i++)
        {
            value |= (buffer.getByte(offset + i) & 0xFF) << (8 * i);
        }
        return send(value);
    }

    @Override
    public long tryClaim(final int length, final int type, final BufferClaim claim)
    {
        check(length, type);
        claimBuffer.putInt(0, 0);
        claim.wrap(claimBuffer, 0, length, type, 0, this);
        return position + 1;
    }

    @Override
    public void commit(final BufferClaim claim)
    {
        send(claimBuffer.getInt(0));
    }

    @Override
    public void abort(final BufferClaim claim)
    {
        // nothing sent
    }

    private long send(final int value)
    {
        if (Native.libc().sigqueue(pid, signal.number, value) != 0)
        {
            final int errno = Native.errno();
            if (errno == ESRCH)
            {
                return NOT_CONNECTED;
            }
            if (errno == Native.EAGAIN)
            {
                return BACK_PRESSURED;
            }
            throw new io.ringline.RinglineException("channel=" + uri + " sigqueue pid=" + pid + " sig=" + signal +
                " failed: " + Native.describe(errno));
        }
        return ++position;
    }

    private void check(final int length, final int type)
    {
        if (closed)
        {
            throw new IllegalStateException("publisher is closed, channel=" + uri);
        }
        if (length < 1 || length > MAX_LENGTH)
        {
            throw new IllegalArgumentException("length=" + length + " must be in [1, " + MAX_LENGTH +
                "] (max-msg of signal: one int), channel=" + uri);
        }
        if (type != 0)
        {
            throw new IllegalArgumentException("type=" + type + ": the signal transport carries no message type " +
                "(only 0), channel=" + uri);
        }
    }

    @Override
    public String channel()
    {
        return uri;
    }

    @Override
    public int maxPayloadLength()
    {
        return MAX_LENGTH;
    }

    @Override
    public int maxMessageLength()
    {
        return MAX_LENGTH;
    }

    @Override
    public boolean isConnected()
    {
        return !closed && Native.libc().kill(pid, 0) == 0;
    }

    @Override
    public long position()
    {
        return position;
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public void close()
    {
        closed = true;
    }
}
