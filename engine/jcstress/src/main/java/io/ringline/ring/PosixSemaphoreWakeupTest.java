package io.ringline.ring;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static io.ringline.ring.Outcomes.*;
import static org.openjdk.jcstress.annotations.Expect.*;

/**
 * The wake-up protocol with the posixsem wait mode ({@link WakeupFixture}): the subscriber sleeps on the channel's
 * POSIX named semaphore ({@code sem_clockwait}), woken by posts up to the count of its sleepers.
 */
@JCStressTest
@Outcome(id = {"1, 0, 0" + BY_EXCLUSIVE, "1, 0, 0" + BY_CONCURRENT}, expect = ACCEPTABLE, desc = NO_SLEEPER_DESC)
@Outcome(id = {"1, 0, 1" + BY_EXCLUSIVE, "1, 0, 1" + BY_CONCURRENT}, expect = ACCEPTABLE_INTERESTING,
    desc = SLEEPER_WOKEN_DESC)
@Outcome(expect = FORBIDDEN, desc = LOST_WAKEUP_DESC)
@State
public class PosixSemaphoreWakeupTest extends WakeupFixture
{
    public PosixSemaphoreWakeupTest()
    {
        super(WaitMode.POSIXSEM);
    }

    @Actor
    public void publisher()
    {
        publish();
    }

    @Actor
    public void subscriber(final IIII_Result r)
    {
        receive(r);
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        super.arbiter(r);
    }
}
