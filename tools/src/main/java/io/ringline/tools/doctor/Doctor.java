package io.ringline.tools.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The preflight of this machine for low latency behind {@code ringline doctor}: every check in a fixed order, each
 * run on its own, so that one that cannot read its input is a warning and the others still run.
 *
 * <pre>{@code
 * List<CheckResult> results = Doctor.checks(Path.of("/dev/shm"), ChannelNeeds.NONE, defaultBytes, probeNs, () -> true)
 *     .stream().map(Check::run).toList();
 * }</pre>
 */
public final class Doctor
{
    private Doctor()
    {
    }

    /**
     * @param shmDir              the shared-memory directory shm: channels live in.
     * @param needs               what the channels to be run take.
     * @param defaultChannelBytes bytes of a default ring channel.
     * @param probeNs             how long each measured probe runs; 0 leaves the probes out.
     * @param running             false once the process is told to stop (a probe then ends early).
     * @return the checks, in report order.
     */
    public static List<Check> checks(
        final Path shmDir,
        final ChannelNeeds needs,
        final long defaultChannelBytes,
        final long probeNs,
        final BooleanSupplier running)
    {
        final List<Check> checks = new ArrayList<>(CpuChecks.all());
        checks.addAll(MemoryChecks.all(shmDir, needs, defaultChannelBytes));
        checks.addAll(IpcChecks.all(needs, defaultChannelBytes));
        checks.addAll(JvmChecks.all());
        if (probeNs > 0)
        {
            checks.addAll(Probes.all(probeNs, running));
        }
        return checks;
    }
}
