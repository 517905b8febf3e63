package io.ringline.transport.signal;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
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
final class SignalSubscriber implements Subscriber
{
    private final String uri;
    private final Signal signal;
    private final AtomicLong arrived = new AtomicLong();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[SignalPublisher.MAX_LENGTH]);
    private final Header header = new Header();
    private final SignalHandler previous;
    private volatile Thread waiter;
    private long delivered;
    private volatile boolean closed;

    SignalSubscriber(final String uri, final SignalName name)
    {
        this.uri = uri;
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
        if (closed)
        {
            throw new IllegalStateException("subscriber is closed, channel=" + uri);
        }
        final long available = arrived.get() - delivered;
        final int count = (int)Math.min(available, messageLimit);
        for (int i = 0; i < count; i++)
        {
            delivered++;
            message.putInt(0, (int)delivered);
            header.set(0, delivered, 0, -1);
            handler.onMessage(message, 0, SignalPublisher.MAX_LENGTH, header);
        }
        return count;
    }

    @Override
    public int receive(final MessageHandler handler, final int messageLimit)
    {
        return receive(handler, messageLimit, Long.MAX_VALUE);
    }

    @Override
    public int receive(final MessageHandler handler, final int messageLimit, final long timeoutNs)
    {
        final long startNs = System.nanoTime();
        waiter = Thread.currentThread();
        try
        {
            while (!closed)
            {
                final int received = poll(handler, messageLimit);
                if (received > 0)
                {
                    return received;
                }
                final long elapsedNs = System.nanoTime() - startNs;
                if (elapsedNs >= timeoutNs)
                {
                    return 0;
                }
                LockSupport.parkNanos(this, Math.min(timeoutNs - elapsedNs, 1_000_000_000L));
            }
            return 0;
        }
        finally
        {
            waiter = null;
        }
    }

    @Override
    public String channel()
    {
        return uri;
    }

    @Override
    public long position()
    {
        return delivered;
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            Signal.handle(signal, previous);
            final Thread waiting = waiter;
            if (null != waiting)
            {
                LockSupport.unpark(waiting);
            }
        }
    }
}
