package io.ringline.sync;

import io.ringline.os.Futex;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;

import static io.ringline.sync.EventCountDescriptor.SEQUENCE_OFFSET;
import static io.ringline.sync.EventCountDescriptor.WAITERS_OFFSET;

/**
 * An event that threads of different processes wait on and signal, in eventcount style: a flyweight over
 * {@link EventCountDescriptor#LENGTH} bytes of an {@link AtomicBuffer}. For a named one in {@code /dev/shm}, see
 * {@link NamedEventCount}.
 *
 * <p>Read the sequence, check your condition, and wait on the sequence you read: a {@link #signal()} that happens
 * after the read ends the wait at once, however the two race. This is how a consumer sleeps on "new data" without
 * ever missing the producer's wake-up:
 *
 * <pre>{@code
 * EventCount dataReady = new EventCount().wrap(sharedBuffer, 64);
 * while (running)                                      // consumer
 * {
 *     final int sequence = dataReady.sequence();       // 1. read
 *     if (poll() == 0)                                 // 2. check the condition
 *     {
 *         dataReady.await(sequence, 1, TimeUnit.SECONDS);   // 3. sleep unless signalled since 1.
 *     }
 * }
 * publish(message); dataReady.signal();                // producer
 * }</pre>
 *
 * <p><b>Guarantees.</b> {@link #signal()} wakes every thread, in every process, that waits on a sequence read
 * before it. {@link #await(int, long, TimeUnit)} returns true as soon as the sequence differs from the one given,
 * false when the time passed; spurious wake-ups of the futex are absorbed. Signals are not counted per waiter: many
 * signals while nobody waits are one change of the sequence. The sequence wraps after 2^32 signals; a waiter that
 * sleeps across exactly 2^32 signals would miss them, which at a million signals a second takes over an hour of
 * sleep per wait, so timed waits are enough to rule it out.
 *
 * <p>{@code signal()} with nobody waiting costs one atomic add and one read: no system call. Waiting does not
 * respond to {@link Thread#interrupt()}. Wrap once, then share the flyweight between threads.
 */
public final class EventCount
{
    private static final long UNBOUNDED = -1;

    private AtomicBuffer buffer;
    private int offset;
    private long futexAddress;

    /**
     * An event count flyweight; {@link #wrap(AtomicBuffer, int)} it.
     */
    public EventCount()
    {
    }

    /**
     * Points this flyweight at an event count in shared memory. Zero bytes are a new event count.
     *
     * @param buffer shared memory (a mapped file or a direct buffer, not the heap).
     * @param offset where it starts: 4-byte aligned, {@link EventCountDescriptor#LENGTH} bytes.
     * @return this.
     */
    public EventCount wrap(final AtomicBuffer buffer, final int offset)
    {
        EventCountDescriptor.checkCapacity(buffer, offset);
        this.buffer = buffer;
        this.offset = offset;
        this.futexAddress = buffer.addressOffset() + offset + SEQUENCE_OFFSET;
        return this;
    }

    /**
     * @return the current sequence, to pass to {@link #await(int, long, TimeUnit)}.
     */
    public int sequence()
    {
        return buffer().getIntVolatile(offset + SEQUENCE_OFFSET);
    }

    /**
     * Advances the sequence and wakes every waiter.
     *
     * @return the new sequence.
     */
    public int signal()
    {
        final AtomicBuffer buffer = buffer();
        final int sequence = buffer.getAndAddInt(offset + SEQUENCE_OFFSET, 1) + 1;
        if (buffer.getIntVolatile(offset + WAITERS_OFFSET) != 0)
        {
            Futex.wake(futexAddress, Integer.MAX_VALUE);
        }
        return sequence;
    }

    /**
     * Waits until the sequence differs from {@code sequence}, at most the timeout.
     *
     * @param sequence a value read from {@link #sequence()} before checking the condition waited for.
     * @param timeout  longest wait; zero or less only compares.
     * @param unit     unit of the timeout.
     * @return true when signalled since {@code sequence} was read, false when the time passed first.
     */
    public boolean await(final int sequence, final long timeout, final TimeUnit unit)
    {
        final AtomicBuffer buffer = buffer();
        if (buffer.getIntVolatile(offset + SEQUENCE_OFFSET) != sequence)
        {
            return true;
        }
        final long timeoutNs = unit.toNanos(timeout);
        if (timeoutNs <= 0)
        {
            return false;
        }
        return sleep(buffer, sequence, timeoutNs);
    }

    /**
     * Waits for the next signal after this call reads the sequence, at most the timeout. A signal that came before
     * the call is not seen: where a condition is involved, use {@link #sequence()} and
     * {@link #await(int, long, TimeUnit)}.
     *
     * @param timeout longest wait.
     * @param unit    unit of the timeout.
     * @return true when signalled, false when the time passed first.
     */
    public boolean awaitNext(final long timeout, final TimeUnit unit)
    {
        return await(sequence(), timeout, unit);
    }

    /**
     * Waits without limit until the sequence differs from {@code sequence}. The kernel is given no timeout, so no
     * timer is armed while it sleeps.
     *
     * @param sequence a value read from {@link #sequence()} before checking the condition waited for.
     */
    public void await(final int sequence)
    {
        final AtomicBuffer buffer = buffer();
        if (buffer.getIntVolatile(offset + SEQUENCE_OFFSET) != sequence)
        {
            return;
        }
        sleep(buffer, sequence, UNBOUNDED);
    }

    // Counted as a waiter, sleeps on the futex until the sequence moves or, unless UNBOUNDED, the time passes. An
    // unbounded sleep passes no timeout to the kernel at all: no timer is armed.
    private boolean sleep(final AtomicBuffer buffer, final int sequence, final long timeoutNs)
    {
        final Futex futex = NativeScratch.current().futex;
        final boolean bounded = timeoutNs != UNBOUNDED;
        final long deadlineNs = bounded ? System.nanoTime() + timeoutNs : 0;
        buffer.getAndAddInt(offset + WAITERS_OFFSET, 1);
        try
        {
            long remainingNs = timeoutNs;
            while (true)
            {
                futex.await(futexAddress, sequence, remainingNs); // woken, changed, timed out or EINTR: look again
                if (buffer.getIntVolatile(offset + SEQUENCE_OFFSET) != sequence)
                {
                    return true;
                }
                if (bounded)
                {
                    remainingNs = deadlineNs - System.nanoTime();
                    if (remainingNs <= 0)
                    {
                        return false;
                    }
                }
            }
        }
        finally
        {
            buffer.getAndAddInt(offset + WAITERS_OFFSET, -1);
        }
    }

    /**
     * @return how many threads are (or were, if killed while waiting) asleep on this event count: a hint.
     */
    public int waiters()
    {
        return buffer().getIntVolatile(offset + WAITERS_OFFSET);
    }

    @Override
    public String toString()
    {
        return null == buffer ? "EventCount{unwrapped}" :
            "EventCount{address=0x" + Long.toHexString(futexAddress) + " sequence=" + sequence() +
            " waiters=" + waiters() + "}";
    }

    private AtomicBuffer buffer()
    {
        final AtomicBuffer buffer = this.buffer;
        if (null == buffer)
        {
            throw new IllegalStateException("EventCount is not wrapped over a buffer: call wrap(buffer, offset)");
        }
        return buffer;
    }
}
