package io.ringline.ring;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static io.ringline.ring.Outcomes.*;
import static org.openjdk.jcstress.annotations.Expect.*;

/**
 * A publisher commits two messages, the second padded across the end of a lap, while a subscriber polls twice over
 * a ring full of stale records from the previous lap. States alternate the publisher: the exclusive one (plain claim,
 * release store of the tail) offers both; a concurrent one (compare-and-set claim) offers the first and writes the
 * second in place through tryClaim and commit. The poller may see 0, 1 or 2 messages; whatever it sees is whole, in
 * order, and its position never goes back; the arbiter then reads the rest.
 */
@JCStressTest
@Outcome(id = {"0, 0" + BY_EXCLUSIVE, "0, 0" + BY_CONCURRENT}, expect = ACCEPTABLE,
    desc = "The poller ran before the first commit; the arbiter then read both intact.")
@Outcome(id = {"1, 0" + BY_EXCLUSIVE, "1, 0" + BY_CONCURRENT}, expect = ACCEPTABLE_INTERESTING,
    desc = "The poller saw the first message only; the arbiter read the second.")
@Outcome(id = {"2, 0" + BY_EXCLUSIVE, "2, 0" + BY_CONCURRENT}, expect = ACCEPTABLE,
    desc = "The poller saw both messages, whole and in order.")
@Outcome(expect = FORBIDDEN, desc = VIOLATION_DESC)
@State
public class PublishPollTest extends RingFixture
{
    private final PublisherUnderTest publisher;

    public PublishPollTest()
    {
        super(PARAMS, WaitMode.SPIN);
        publisher = new PublisherUnderTest(channel);
    }

    @Actor
    public void publish()
    {
        publisher.publish(one, 1);
        publisher.publish(two, 2);
    }

    @Actor
    public void poll(final III_Result r)
    {
        poll();
        poll();
        r.r1 = seen;
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r2 = drain();
        r.r3 = publisher.mode;
    }
}
