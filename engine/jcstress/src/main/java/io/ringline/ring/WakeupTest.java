package io.ringline.ring;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import java.util.concurrent.TimeUnit;

import static io.ringline.ring.Outcomes.*;
import static org.openjdk.jcstress.annotations.Expect.*;

/**
 * The wake-up protocol, on a channel with futex wakeups, through the engine's own code and the kernel's futex: the
 * publisher claims (exclusive: a volatile store of the tail; concurrent: a compare-and-set, alternating between
 * states), commits, and reads the sleeper count, waking the futex word if it is not zero; the subscriber, in
 * {@code receive}, polls, reads the wake sequence, announces itself (atomic adds), re-reads the tail and sleeps on the
 * futex with the sequence it read. A lost wakeup shows as a {@code receive} that returns only at its timeout, although
 * the message was committed long before. Result: messages received, whether receive ran to its timeout, how many
 * times a publisher bumped the wake sequence (it saw a sleeper), the publisher's mode.
 */
@JCStressTest
@Outcome(id = {"1, 0, 0" + BY_EXCLUSIVE, "1, 0, 0" + BY_CONCURRENT}, expect = ACCEPTABLE,
    desc = "The publisher saw no sleeper: the subscriber announced itself after the claim, saw the tail moved " +
        "and did not sleep, or found the message before trying.")
@Outcome(id = {"1, 0, 1" + BY_EXCLUSIVE, "1, 0, 1" + BY_CONCURRENT}, expect = ACCEPTABLE_INTERESTING,
    desc = "The publisher saw the announced sleeper and woke it (or it saw the tail and left before sleeping): " +
        "the race window was hit and closed.")
@Outcome(expect = FORBIDDEN, desc = LOST_WAKEUP_DESC)
@State
public class WakeupTest extends RingFixture
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    private final PublisherUnderTest publisher;

    public WakeupTest()
    {
        super(PARAMS + "&wait=futex", WaitMode.FUTEX);
        publisher = new PublisherUnderTest(channel);
    }

    @Actor
    public void publisher()
    {
        publisher.publish(one, 1);
    }

    @Actor
    public void subscriber(final IIII_Result r)
    {
        final long startNs = System.nanoTime();
        subscriber.receive(this::onMessage, 1, TIMEOUT_NS);
        r.r2 = System.nanoTime() - startNs >= TIMEOUT_NS ? 1 : 0;
        r.r1 = seen;
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r3 = channel.meta.getIntVolatile(RingDescriptor.WAKE_SEQUENCE_OFFSET);
        r.r4 = publisher.mode;
    }
}
