package io.ringline.ring;

import io.ringline.BufferClaim;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static io.ringline.ring.Outcomes.*;
import static org.openjdk.jcstress.annotations.Expect.*;

/**
 * Two concurrent publishers claim at once, 96 bytes before the end of a lap: one claim fits, the other must pad to
 * the end of the lap and start the next. A offers; B claims with tryClaim, writes in place, commits. Whoever wins,
 * the claims are disjoint (the positions they return are a record apart, padding included) and the arbiter reads
 * both messages whole, once each.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE,
    desc = "Publisher A claimed first; both records intact and disjoint.")
@Outcome(id = "2, 0", expect = ACCEPTABLE,
    desc = "Publisher B claimed first; both records intact and disjoint.")
@Outcome(expect = FORBIDDEN, desc = VIOLATION_DESC)
@State
public class ConcurrentClaimTest extends RingFixture
{
    private final RingPublisher a;
    private final RingPublisher b;
    private final BufferClaim claim = new BufferClaim();
    private long endA;
    private long endB;

    public ConcurrentClaimTest()
    {
        super(PARAMS, WaitMode.SPIN);
        a = MemoryRing.publisher(channel, false);
        b = MemoryRing.publisher(channel, false);
        anyOrder();
    }

    @Actor
    public void publisherA()
    {
        endA = a.offer(one, 0, PAYLOAD_LENGTH, 1);
    }

    @Actor
    public void publisherB()
    {
        endB = b.tryClaim(PAYLOAD_LENGTH, 2, claim);
        if (endB > 0)
        {
            claim.buffer().putBytes(claim.offset(), two, 0, PAYLOAD_LENGTH);
            claim.commit();
        }
    }

    @Arbiter
    public void arbiter(final II_Result r)
    {
        final long firstEnd = Math.min(endA, endB);
        final long secondEnd = Math.max(endA, endB);
        if (firstEnd != START + 64 || secondEnd != END)
        {
            fail(OVERLAP); // the first claim ends one record in; the second after the padding and one record more
        }
        r.r2 = drain();
        r.r1 = (int)first;
    }
}
