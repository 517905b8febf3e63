package io.ringline.transport.signal;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.RinglineException;
import io.ringline.spi.TransportSubscriber;
import org.agrona.concurrent.UnsafeBuffer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Receives this process's signals of one kind through the JVM's signal dispatcher ({@code sun.misc.Signal}), one
 * message per signal the JVM reports: 4 bytes holding the arrival's sequence number (the JVM does not expose the
 * sender's int), type 0. A waiting {@code receive} is unparked by the handler, so it sleeps rather than spins. One
 * subscriber per signal per process; closing it restores the previous handler.
 */
final class SignalSubscriber extends TransportSubscriber
{
    private final Signal signal;
    private final AtomicLong arrived = new AtomicLong();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[SignalPublisher.MAX_LENGTH]);
    private final Header header = new Header();
    private final SignalHandler previous;
    private volatile Thread waiter;

    SignalSubscriber(final String uri, final SignalName name)
    {
        super(uri);
        this.signal = new Signal(name.name());
        try
        {
            this.previous = Signal.handle(signal, this::onSignal);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new RinglineException("channel=" + uri + " cannot handle SIG" + name + ": " + ex.getMessage(), ex);
        }
    }

    private void onSignal(final Signal received)
    {
        arrived.incrementAndGet();
        final Thread waiting = waiter;
        if (null != waiting)
        {
            LockSupport.unpark(waiting);
        }
    }

    @Override
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        checkOpen();
        final long available = arrived.get() - position;
        final int count = (int)Math.min(available, messageLimit);
        for (int i = 0; i < count; i++)
        {
            position++;
            message.putInt(0, (int)position);
            header.set(0, position, 0, -1);
            handler.onMessage(message, 0, SignalPublisher.MAX_LENGTH, header);
        }
        return count;
    }

    /**
     * Parks until the handler unparks this thread, the deadline, or a close. The waiter is published before the
     * count is read again, and the handler counts before it reads the waiter, so a signal is never slept through.
     */
    @Override
    protected int await(final MessageHandler handler, final int messageLimit, final long deadlineNs)
    {
        waiter = Thread.currentThread();
        try
        {
            if (arrived.get() == position && !closed)
            {
                LockSupport.parkNanos(this, waitNs(deadlineNs));
            }
        }
        finally
        {
            waiter = null;
        }
        return closed ? 0 : poll(handler, messageLimit);
    }

    @Override
    protected void onClose()
    {
        Signal.handle(signal, previous);
        final Thread waiting = waiter;
        if (null != waiting)
        {
            LockSupport.unpark(waiting);
        }
    }
}
