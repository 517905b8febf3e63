package io.ringline.tools.doctor;

import io.ringline.tools.cpu.CpuList;
import io.ringline.os.CpuAffinity;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The two measured checks, each run for a set time on the first two CPUs this process may use (on the one CPU when
 * there is only one): the cross-core cache-line round trip ({@link CacheLineProbe}) and the futex wake-up
 * ({@link FutexProbe}).
 */
final class Probes
{
    /** A cache-line round trip's median above this is a warning. */
    static final long CACHE_LINE_RTT_OK_NS = 250;
    /** A futex wake-up's median above this is a warning. */
    static final long FUTEX_WAKEUP_OK_NS = 20_000;

    private Probes()
    {
    }

    static List<Check> all(final long durationNs, final BooleanSupplier running)
    {
        return List.of(
            new Check("cache-line-rtt",
                "the floor under every shared-memory round trip between two CPUs: two cache-line transfers; a " +
                "virtual machine's vCPUs, a second socket or a busy host raise it",
                "place publisher and subscriber on CPUs that share a cache (same socket, not SMT siblings of a busy " +
                "core): ringline ping --cpu N --pong-cpu M; on a VM ask for dedicated (pinned) vCPUs",
                () -> cacheLine(durationNs, running)),
            new Check("futex-wakeup",
                "a subscriber that sleeps (wait=futex, posixsem, sysvsem) pays this on each message that finds it " +
                "asleep, more when its CPU must leave an idle state",
                "busy-spin where latency matters (wait=spin or backoff), limit C-states (see c-states), or keep a " +
                "sleeping pair on one CPU",
                () -> futex(durationNs, running)));
    }

    private static Finding cacheLine(final long durationNs, final BooleanSupplier running) throws Exception
    {
        final int[] cpus = CpuAffinity.allowedCpus();
        if (cpus.length < 2)
        {
            return Finding.warn("not measured: needs two CPUs, this process may use " + CpuList.format(cpus));
        }
        final Histogram roundTrips = CacheLineProbe.measure(cpus[0], cpus[1], durationNs, running);
        if (roundTrips.getTotalCount() == 0)
        {
            return Finding.warn("not measured: no round trip completed (cpus " + cpus[0] + "," + cpus[1] + ")");
        }
        final long p50 = roundTrips.getValueAtPercentile(50);
        final String value = "p50 " + p50 + " ns, p99 " + roundTrips.getValueAtPercentile(99) + " ns (cpus " +
            cpus[0] + "," + cpus[1] + ")";
        return p50 > CACHE_LINE_RTT_OK_NS ? Finding.warn(value) : Finding.ok(value);
    }

    private static Finding futex(final long durationNs, final BooleanSupplier running) throws Exception
    {
        final int[] cpus = CpuAffinity.allowedCpus();
        final int sleeperCpu = cpus[0];
        final int wakerCpu = cpus.length > 1 ? cpus[1] : cpus[0];
        final Histogram wakeUps = FutexProbe.measure(sleeperCpu, wakerCpu, durationNs, running);
        if (wakeUps.getTotalCount() == 0)
        {
            return Finding.warn("not measured: no wake-up counted (cpus " + sleeperCpu + "," + wakerCpu + ")");
        }
        final long p50 = wakeUps.getValueAtPercentile(50);
        final String value = String.format("p50 %.1f us, p99 %.1f us over %d wake-ups (sleeper cpu %d, waker cpu %d)",
            p50 / 1000.0, wakeUps.getValueAtPercentile(99) / 1000.0, wakeUps.getTotalCount(), sleeperCpu, wakerCpu);
        return p50 > FUTEX_WAKEUP_OK_NS ? Finding.warn(value) : Finding.ok(value);
    }
}
