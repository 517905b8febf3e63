package io.ringline.tools;

import io.ringline.Ringline;
import io.ringline.tools.doctor.ChannelNeeds;
import io.ringline.tools.doctor.Check;
import io.ringline.tools.doctor.CheckResult;
import io.ringline.tools.doctor.Doctor;
import io.ringline.tools.doctor.Verdict;
import io.ringline.tools.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ringline doctor}: a preflight of this machine for low latency, one line per check with its verdict, the
 * value it read or measured, why it matters and the fix (see {@link Doctor}). Exits 1 when a check fails.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
        "Checks this machine for low latency: CPUs, isolation, idle states, clock, memory, IPC limits, JVM flags.",
        "",
        "Each check has a verdict (ok, warn, fail), the value it read or measured, why it matters and the command " +
        "that fixes it. Two are measured: the cross-core cache-line round trip and the futex wake-up, each for " +
        "--probe-time on the first two CPUs this process may use. A check whose input cannot be read is a warning " +
        "that says why. Exit code 1 when a check fails, 0 otherwise.",
        "With --channel, the channels' shared memory is weighed against the free space of the shared-memory " +
        "directory (shm:) and SHMMAX (sysvshm:)." },
    footer = {
        "",
        "Examples:",
        "  ringline doctor",
        "  ringline doctor --channel 'shm:orders?capacity=64m' --channel sysvshm:0x52490001",
        "  ringline doctor --json --no-probes" })
final class DoctorCommand implements Callable<Integer>
{
    @Option(names = "--channel", paramLabel = "URI", description = "A channel to be run here (repeatable).")
    List<String> channels = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object: {\"checks\":[{\"name\",\"verdict\",\"value\"," +
        "\"why\",\"fix\"},...]}.")
    boolean json;

    @Option(names = "--probe-time", defaultValue = "250ms", paramLabel = "DURATION",
        converter = Durations.Converter.class, description = "How long each measured probe runs (default: " +
        "${DEFAULT-VALUE}).")
    long probeNs;

    @Option(names = "--no-probes", description = "Leave out the measured probes (cache-line-rtt, futex-wakeup).")
    boolean noProbes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final Ringline.Context context = new Ringline.Context();
        final ChannelNeeds needs;
        try
        {
            needs = ChannelNeeds.of(channels, context);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), "--channel: " + ex.getMessage());
        }
        if (!noProbes && probeNs <= 0)
        {
            throw new ParameterException(spec.commandLine(), "--probe-time must be more than 0 (or use --no-probes)");
        }
        final List<CheckResult> results = new ArrayList<>();
        try (StopSignal stop = StopSignal.install(0))
        {
            for (final Check check : Doctor.checks(Path.of(context.shmDir()), needs,
                ChannelNeeds.defaultChannelBytes(context), noProbes ? 0 : probeNs, stop::isRunning))
            {
                if (!stop.isRunning())
                {
                    break;
                }
                results.add(check.run());
            }
            System.out.print(json ? json(results) + System.lineSeparator() : table(results));
            System.out.flush();
        }
        return results.stream().anyMatch(result -> result.verdict() == Verdict.FAIL) ?
            RinglineCli.EXIT_FAILURE : RinglineCli.EXIT_OK;
    }

    static String json(final List<CheckResult> results)
    {
        final JsonWriter json = new JsonWriter().beginObject().beginArray("checks");
        for (final CheckResult result : results)
        {
            json.beginObject()
                .field("name", result.name())
                .field("verdict", result.verdict().label())
                .field("value", result.value())
                .field("why", result.why())
                .field("fix", result.fix())
                .endObject();
        }
        return json.endArray().endObject().toString();
    }

    static String table(final List<CheckResult> results)
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format("%-22s  %-7s  %s%n", "CHECK", "VERDICT", "VALUE"));
        int warnings = 0;
        int failures = 0;
        for (final CheckResult result : results)
        {
            out.append(String.format("%-22s  %-7s  %s%n", result.name(), result.verdict().label(), result.value()));
            if (result.verdict() != Verdict.OK)
            {
                out.append(String.format("%-22s  %-7s  why: %s%n", "", "", result.why()));
                out.append(String.format("%-22s  %-7s  fix: %s%n", "", "", result.fix()));
                warnings += result.verdict() == Verdict.WARN ? 1 : 0;
                failures += result.verdict() == Verdict.FAIL ? 1 : 0;
            }
        }
        out.append(String.format("%n%d checks: %d ok, %d warn, %d fail%n", results.size(),
            results.size() - warnings - failures, warnings, failures));
        return out.toString();
    }
}
