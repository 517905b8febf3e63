package io.ringline.crash;

import io.ringline.test.TestChannels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Subscriber processes killed with SIGKILL at random moments and restarted, on a small ring with only four subscriber
 * slots, while racing publishers are killed too: each slot is reclaimed (or a restarted subscriber would find none
 * free), publishers are not held back by the dead (or the test's own subscriber would stop receiving), and every
 * subscriber, killed or not, sees each stream contiguous, in order and intact.
 */
@Timeout(600)
class SubscriberKillTest
{
    @Test
    void killedSubscribersAreReclaimedAndHoldNobodyBack() throws Exception
    {
        final String channel = with(TestChannels.SYSVSHM.newChannel(), "capacity=64k&subscribers=4");
        final CrashRig rig = new CrashRig(channel, 2, false, 10, 2);
        rig.runKills(CrashRig.KILLS * 2 / 20, CrashRig.KILLS * 3 / 20);
        System.out.println("crash run channel=" + channel + " " + rig.summary());
        assertTrue(rig.subscriberKills + rig.evictedSubscribers >= CrashRig.KILLS * 3 / 20, rig.summary());
        assertTrue(rig.childSubscriberDeliveries > 0, rig.summary());
    }
}
