package io.ringline.journal;

import io.ringline.Forwarder;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Replays recorded messages (a {@code journal:} subscriber, from any {@code from=}) into a {@link Publisher} of any
 * transport, each whole message with its type, paced in one of three ways: as fast as the publisher takes them,
 * at a fixed rate ({@link #atRate}), or at a multiple of the recorded pace ({@link #atSpeed}: a message is due when
 * the time since the first one, divided by the speed, has passed since the replay's first message). A wait longer
 * than {@value #SPIN_BELOW_NS} ns parks, a shorter one spins. Back-pressure is retried, never dropped; once
 * {@code running} turns false the pacing stops waiting, so a replay told to stop finishes its current batch at once.
 *
 * <pre>{@code
 * Replayer replayer = Replayer.atSpeed(journalSubscriber, livePublisher, 2.0, () -> running);
 * while (running) { replayer.replay(64, TimeUnit.MILLISECONDS.toNanos(100)); }
 * }</pre>
 */
public final class Replayer implements MessageHandler
{
    /** Waits shorter than this spin, longer ones park. */
    static final long SPIN_BELOW_NS = 50_000;

    private final Subscriber from;
    private final Forwarder forwarder;
    private final BooleanSupplier running;
    private final long intervalNs;
    private final double speed;
    private long firstNs = Long.MIN_VALUE;
    private long firstRecordedNs;

    private Replayer(
        final Subscriber from, final Publisher to, final long intervalNs, final double speed,
        final BooleanSupplier running)
    {
        this.from = from;
        this.forwarder = new Forwarder(to, running, Forwarder.StopPolicy.THROW);
        this.running = running;
        this.intervalNs = intervalNs;
        this.speed = speed;
    }

    /**
     * @param from    the recording.
     * @param to      where it is replayed.
     * @param running false once the owner is stopping.
     * @return a replayer that forwards as fast as {@code to} takes the messages.
     */
    public static Replayer unpaced(final Subscriber from, final Publisher to, final BooleanSupplier running)
    {
        return new Replayer(from, to, 0, 0, running);
    }

    /**
     * @param from          the recording.
     * @param to            where it is replayed.
     * @param messagesPerSecond the fixed rate, above 0.
     * @param running       false once the owner is stopping.
     * @return a replayer that sends one message every {@code 1 / messagesPerSecond} seconds.
     */
    public static Replayer atRate(
        final Subscriber from, final Publisher to, final long messagesPerSecond, final BooleanSupplier running)
    {
        if (messagesPerSecond <= 0 || messagesPerSecond > TimeUnit.SECONDS.toNanos(1))
        {
            throw new IllegalArgumentException("rate must be 1 to 1e9 messages per second, rate=" + messagesPerSecond);
        }
        return new Replayer(from, to, TimeUnit.SECONDS.toNanos(1) / messagesPerSecond, 0, running);
    }

    /**
     * @param from    the recording.
     * @param to      where it is replayed.
     * @param speed   a multiple of the recorded pace, above 0 (2.0 is twice as fast, 0.5 half as fast).
     * @param running false once the owner is stopping.
     * @return a replayer that keeps the recorded gaps between messages, divided by {@code speed}.
     */
    public static Replayer atSpeed(
        final Subscriber from, final Publisher to, final double speed, final BooleanSupplier running)
    {
        if (!(speed > 0) || Double.isInfinite(speed))
        {
            throw new IllegalArgumentException("speed must be a finite number above 0, speed=" + speed);
        }
        return new Replayer(from, to, 0, speed, running);
    }

    /**
     * Replays what is available now, without waiting for the recording (pacing still waits).
     *
     * @param messageLimit most messages to replay.
     * @return messages replayed.
     */
    public int doWork(final int messageLimit)
    {
        return from.poll(this, messageLimit);
    }

    /**
     * Replays, waiting up to {@code timeoutNs} for a recorded message as the subscriber's wait mode does.
     *
     * @param messageLimit most messages to replay.
     * @param timeoutNs    longest wait for the first one.
     * @return messages replayed.
     */
    public int replay(final int messageLimit, final long timeoutNs)
    {
        return from.receive(this, messageLimit, timeoutNs);
    }

    /**
     * @return messages replayed so far.
     */
    public long messages()
    {
        return forwarder.forwarded();
    }

    /** Paces and forwards one message; for the subscriber, not for callers. */
    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        awaitDue(header.timestampNs());
        forwarder.forward(buffer, offset, length, header.type(), header.position());
    }

    private void awaitDue(final long recordedNs)
    {
        final long nowNs = System.nanoTime();
        if (firstNs == Long.MIN_VALUE)
        {
            firstNs = nowNs;
            firstRecordedNs = recordedNs;
            return;
        }
        final long dueNs;
        if (intervalNs > 0)
        {
            dueNs = firstNs + forwarder.forwarded() * intervalNs;
        }
        else if (speed > 0)
        {
            dueNs = firstNs + (long)(Math.max(0, recordedNs - firstRecordedNs) / speed);
        }
        else
        {
            return;
        }
        long leftNs;
        while ((leftNs = dueNs - System.nanoTime()) > 0 && running.getAsBoolean())
        {
            if (leftNs > SPIN_BELOW_NS)
            {
                LockSupport.parkNanos(Math.min(leftNs - SPIN_BELOW_NS, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }
}
