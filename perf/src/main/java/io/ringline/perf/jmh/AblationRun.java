package io.ringline.perf.jmh;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 12's attribution: {@link PingPongBenchmark} for the ring with each ablation switch of
 * {@code io.ringline.ring.Ablations} on in turn (and all together), Aeron IPC and the cache-line floor measured in
 * the same fork, the switches interleaved round by round so the VM's fast and slow states fall on all of them. Prints
 * per round the ring's p50 over Aeron's and over the floor's, then the medians per switch.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     io.ringline.perf.jmh.AblationRun [rounds=3] [size=32]
 * </pre>
 */
public final class AblationRun
{
    private static final String RING = "ringline-shm";
    private static final String AERON = "aeron-ipc";
    private static final String FLOOR = "cache-line";
    /**
     * Whether the forks pin their two threads ({@code -Dringline.jmh.pin}, default false here): pinned forks on this
     * 2-vCPU VM stalled for minutes in some iterations (JMH's own threads then share the two spinning CPUs), and two
     * busy-spinning threads on two CPUs stay apart without it.
     */
    private static final boolean PIN = Boolean.getBoolean("ringline.jmh.pin");
    private static final List<String> SWITCHES = List.of("claimRecord", "tailStore", "stateCheck", "timestampWord");

    private AblationRun()
    {
    }

    /**
     * @param args {@code rounds=N} and {@code size=BYTES}.
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException
    {
        int rounds = 3;
        int size = 32;
        for (final String arg : args)
        {
            final String[] keyValue = arg.split("=", 2);
            if (keyValue.length != 2)
            {
                throw new IllegalArgumentException("argument must be key=value: " + arg);
            }
            switch (keyValue[0])
            {
                case "rounds" -> rounds = Integer.parseInt(keyValue[1]);
                case "size" -> size = Integer.parseInt(keyValue[1]);
                default -> throw new IllegalArgumentException("unknown key " + keyValue[0] + " (rounds, size)");
            }
        }

        final Map<String, List<String>> configs = new LinkedHashMap<>();
        configs.put("none", List.of());
        for (final String name : SWITCHES)
        {
            configs.put(name, List.of(name));
        }
        configs.put("all", SWITCHES);

        final Map<String, List<double[]>> ratios = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%-14s %5s %9s %9s %9s %10s %10s%n",
            "ablation", "round", "ring p50", "aeron p50", "floor p50", "ring/aeron", "ring/floor");
        for (int round = 1; round <= rounds; round++)
        {
            for (final Map.Entry<String, List<String>> config : configs.entrySet())
            {
                final Map<String, Double> p50 = run(size, config.getValue());
                final double[] ratio = {p50.get(RING) / p50.get(AERON), p50.get(RING) / p50.get(FLOOR)};
                ratios.computeIfAbsent(config.getKey(), (key) -> new ArrayList<>()).add(ratio);
                System.out.printf(Locale.ROOT, "%-14s %5d %9.0f %9.0f %9.0f %9.2fx %9.2fx%n", config.getKey(), round,
                    p50.get(RING), p50.get(AERON), p50.get(FLOOR), ratio[0], ratio[1]);
            }
        }
        System.out.printf(Locale.ROOT, "%nmedians over %d rounds, %d B%n", rounds, size);
        for (final Map.Entry<String, List<double[]>> entry : ratios.entrySet())
        {
            System.out.printf(Locale.ROOT, "%-14s ring/aeron %.2fx  ring/floor %.2fx%n", entry.getKey(),
                median(entry.getValue(), 0), median(entry.getValue(), 1));
        }
    }

    private static Map<String, Double> run(final int size, final List<String> switches) throws RunnerException
    {
        final List<String> jvmArgs = new ArrayList<>(List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
            "-Dringline.jmh.pin=" + PIN));
        for (final String name : switches)
        {
            jvmArgs.add("-Dringline.ablate." + name + "=true");
        }
        final Options options = new OptionsBuilder()
            .include(PingPongBenchmark.class.getName() + ".roundTrip")
            .param("peer", RING, AERON, FLOOR)
            .param("size", Integer.toString(size))
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(1))
            .forks(1)
            .jvmArgsAppend(jvmArgs.toArray(String[]::new))
            .verbosity(VerboseMode.SILENT)
            .build();
        final Map<String, Double> p50 = new LinkedHashMap<>();
        for (final RunResult result : new Runner(options).run())
        {
            p50.put(result.getParams().getParam("peer"), result.getPrimaryResult().getStatistics().getPercentile(50));
        }
        return p50;
    }

    private static double median(final List<double[]> rows, final int column)
    {
        final double[] values = rows.stream().mapToDouble((row) -> row[column]).sorted().toArray();
        final int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
