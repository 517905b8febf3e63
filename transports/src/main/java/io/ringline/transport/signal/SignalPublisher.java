package io.ringline.transport.signal;

import io.ringline.os.Native;
import io.ringline.BufferClaim;
import io.ringline.spi.TransportPublisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Sends a message of up to 4 bytes as the int of {@code sigqueue(pid, sig, value)} (little-endian, zero-padded).
 * A target that no longer exists ({@code ESRCH}) is NOT_CONNECTED; liveness is {@code kill(pid, 0)}. A signal
 * that cannot be queued ({@code EAGAIN}: the target's queued-signal limit) is BACK_PRESSURED.
 */
final class SignalPublisher extends TransportPublisher
{
    static final int MAX_LENGTH = 4;
    private static final int ESRCH = 3;

    private final int pid;
    private final SignalName signal;
    private final UnsafeBuffer claimBuffer = new UnsafeBuffer(new byte[MAX_LENGTH]);

    SignalPublisher(final String uri, final int pid, final SignalName signal)
    {
        super(uri, MAX_LENGTH, "max-msg of signal: one int");
        this.pid = pid;
        this.signal = signal;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        checkOffer(buffer, offset, length);
        checkType(type);
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
        checkClaim(length);
        checkType(type);
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

    private void checkType(final int type)
    {
        if (type != 0)
        {
            throw new IllegalArgumentException("type=" + type + ": the signal transport carries no message type " +
                "(only 0), channel=" + uri);
        }
    }

    @Override
    public boolean isConnected()
    {
        return !closed && Native.libc().kill(pid, 0) == 0;
    }

    @Override
    protected void onClose()
    {
        // a signal holds nothing open
    }
}
