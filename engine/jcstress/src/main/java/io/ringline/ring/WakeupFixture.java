package io.ringline.ring;

import io.ringline.sync.PosixSemaphore;
import org.openjdk.jcstress.infra.results.IIII_Result;

import java.util.concurrent.TimeUnit;

/**
 * One wake-up race, for each blocking wait mode's test: the publisher claims (exclusive: a volatile store of the
 * tail; concurrent: a compare-and-set, alternating between states), commits and reads the sleeper count, waking
 * through {@link Wakeup.Signaller} if it is not zero; the subscriber, in {@code receive}, polls, and goes through
 * {@link Wakeup.Sleeper}: reads the wake sequence, counts itself (atomic adds), re-reads the tail and sleeps in its
 * mode. A lost wake-up shows as a {@code receive} that returns only at its timeout, although the message was
 * committed long before. Result: messages received, whether receive ran to its timeout, the wake sequence (how many
 * times the publisher saw a sleeper and signalled), the publisher's mode.
 *
 * <p>Each state has its own channel and so its own semaphores, which the arbiter removes: a permit left over from
 * another state would hide a lost wake-up. A POSIX semaphore's name is unlinked as soon as it is open (the handle
 * keeps working), so that nothing stays in /dev/shm even if the run is killed.
 */
class WakeupFixture extends RingFixture
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    private final PublisherUnderTest publisher;

    WakeupFixture(final WaitMode mode)
    {
        super(PARAMS + "&wait=" + mode.name().toLowerCase(), mode);
        if (WaitMode.POSIXSEM == mode)
        {
            PosixSemaphore.unlink(Wakeup.posixSemaphoreName(channel.salt));
        }
        publisher = new PublisherUnderTest(channel);
    }

    void publish()
    {
        publisher.publish(one, 1);
    }

    void receive(final IIII_Result r)
    {
        final long startNs = System.nanoTime();
        subscriber.receive(this::onMessage, 1, TIMEOUT_NS);
        r.r2 = System.nanoTime() - startNs >= TIMEOUT_NS ? 1 : 0;
        r.r1 = seen;
    }

    void arbiter(final IIII_Result r)
    {
        r.r3 = channel.meta.getIntVolatile(RingDescriptor.WAKE_SEQUENCE_OFFSET);
        r.r4 = publisher.mode;
        channel.wakeup.close();
        Wakeup.removeObjects(channel.meta);
    }
}
