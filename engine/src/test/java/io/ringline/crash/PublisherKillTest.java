package io.ringline.crash;

import io.ringline.test.TestChannels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Publishers killed with SIGKILL at random moments, mid-claim too, and restarted onto the same channel: every message
 * committed before and after each kill arrives, once, in order; the restarted publisher carries on from where the
 * channel is. The kill count is {@value CrashRig#KILLS_DEFAULT} across the crash suite, or
 * {@code -Dringline.crash.kills=N}.
 */
@Timeout(600)
class PublisherKillTest
{
    @Test
    void concurrentPublishersRacingOnOneChannelOneKilledAtATime() throws Exception
    {
        final String channel = with(TestChannels.SHM.newChannel(), "capacity=64k");
        final CrashRig rig = new CrashRig(channel, 3, false, 30, 0);
        rig.runKills(CrashRig.KILLS * 11 / 20, 0);
        System.out.println("crash run channel=" + channel + " " + rig.summary());
        assertTrue(rig.midClaimKills > 0, rig.summary());
    }

    @Test
    void anExclusivePublisherKilledAndRestartedCarriesOnFromWhereTheChannelIs() throws Exception
    {
        final String channel = with(TestChannels.FILE.newChannel(), "capacity=64k");
        final CrashRig rig = new CrashRig(channel, 1, true, 30, 0);
        rig.runKills(CrashRig.KILLS * 4 / 20, 0);
        System.out.println("crash run channel=" + channel + " " + rig.summary());
        assertTrue(rig.midClaimKills > 0, rig.summary());
    }
}
