package io.ringline.tools.doctor;

import io.ringline.tools.cpu.CpuList;
import io.ringline.os.CpuAffinity;
import io.ringline.os.ProcFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The CPU checks: how many CPUs this process may use, whether some are isolated from the scheduler, timer ticks and
 * RCU callbacks, their frequency governor and idle states, and the clock source behind {@code System.nanoTime}.
 */
final class CpuChecks
{
    /** Fewer allowed CPUs than this is a warning: a publisher, a subscriber, and the rest of the system. */
    static final int CPUS_OK = 4;
    /** An enabled idle state that takes longer than this to leave is a warning. */
    static final long IDLE_EXIT_LATENCY_OK_US = 10;

    private static final Path CMDLINE = Path.of("/proc/cmdline");
    private static final Path CPU_DIR = Path.of("/sys/devices/system/cpu");
    private static final Path ISOLATED = CPU_DIR.resolve("isolated");
    private static final Path CLOCKSOURCE = Path.of("/sys/devices/system/clocksource/clocksource0");
    private static final Set<String> GOOD_CLOCKS = Set.of("tsc", "arch_sys_counter");
    private static final Set<String> SLOW_CLOCKS = Set.of("hpet", "acpi_pm", "jiffies", "pit");

    private CpuChecks()
    {
    }

    static List<Check> all()
    {
        return List.of(
            new Check("cpu-count",
                "a busy-spinning publisher and subscriber each want a CPU of their own, and the OS wants another",
                "run on a machine (or VM, container cpuset) with at least " + CPUS_OK + " CPUs for this process",
                CpuChecks::count),
            new Check("cpu-isolation",
                "an isolated CPU runs no other task (isolcpus), no timer tick (nohz_full) and no RCU callbacks " +
                "(rcu_nocbs): without them a spinning thread is interrupted every few milliseconds",
                "add isolcpus=N-M nohz_full=N-M rcu_nocbs=N-M to the kernel command line (GRUB_CMDLINE_LINUX), " +
                "reboot, and pin the latency-critical threads there",
                CpuChecks::isolation),
            new Check("cpu-governor",
                "a governor other than performance lowers the clock while a thread waits, and the first messages " +
                "after a pause run slower",
                "cpupower frequency-set -g performance (or echo performance | tee " +
                "/sys/devices/system/cpu/cpu*/cpufreq/scaling_governor)",
                CpuChecks::governor),
            new Check("c-states",
                "an idle CPU in a deep C-state takes tens to hundreds of microseconds to wake, which a sleeping " +
                "subscriber pays on every wake-up",
                "cpupower idle-set -D " + IDLE_EXIT_LATENCY_OK_US + " (or boot with intel_idle.max_cstate=1 " +
                "processor.max_cstate=1, or idle=poll)",
                CpuChecks::idleStates),
            new Check("clocksource",
                "System.nanoTime reads the kernel's clock source: tsc (arch_sys_counter on ARM) is read in user " +
                "space in about 20 ns; hpet or acpi_pm take a system call of a microsecond or more",
                "echo tsc > " + CLOCKSOURCE.resolve("current_clocksource") + " (when listed in " +
                "available_clocksource), or boot with clocksource=tsc tsc=reliable",
                CpuChecks::clocksource));
    }

    private static Finding count()
    {
        final int[] allowed = CpuAffinity.allowedCpus();
        final String value = allowed.length + " allowed (" + CpuList.format(allowed) + ") of " +
            Runtime.getRuntime().availableProcessors() + " online";
        if (allowed.length < 2)
        {
            return Finding.fail(value);
        }
        return allowed.length < CPUS_OK ? Finding.warn(value) : Finding.ok(value);
    }

    private static Finding isolation() throws IOException
    {
        final Map<String, String> cmdline = kernelParameters(ProcFiles.firstLine(CMDLINE));
        final int[] isolated = CpuList.parse(ProcFiles.firstLine(ISOLATED));
        final String value = "isolated=" + CpuList.format(isolated) + " nohz_full=" +
            cmdline.getOrDefault("nohz_full", "-") + " rcu_nocbs=" + cmdline.getOrDefault("rcu_nocbs", "-");
        final boolean complete = isolated.length > 0 && cmdline.containsKey("nohz_full") &&
            cmdline.containsKey("rcu_nocbs");
        return complete ? Finding.ok(value) : Finding.warn(value);
    }

    private static Finding governor() throws IOException
    {
        final TreeMap<String, List<Integer>> governors = new TreeMap<>();
        for (final int cpu : CpuAffinity.allowedCpus())
        {
            final Path file = cpuDir(cpu).resolve("cpufreq/scaling_governor");
            if (Files.exists(file))
            {
                governors.computeIfAbsent(ProcFiles.firstLine(file), g -> new ArrayList<>()).add(cpu);
            }
        }
        if (governors.isEmpty())
        {
            return Finding.ok("not exposed (no cpufreq: the host or firmware sets the frequency)");
        }
        final StringBuilder value = new StringBuilder();
        governors.forEach((governor, cpus) -> value.append(value.length() == 0 ? "" : " ").append(governor)
            .append(" on ").append(CpuList.format(cpus.stream().mapToInt(Integer::intValue).toArray())));
        return governors.size() == 1 && governors.containsKey("performance") ?
            Finding.ok(value.toString()) : Finding.warn(value.toString());
    }

    private static Finding idleStates() throws IOException
    {
        final int cpu = CpuAffinity.allowedCpus()[0];
        final Path dir = cpuDir(cpu).resolve("cpuidle");
        if (!Files.isDirectory(dir))
        {
            return Finding.ok("not exposed (no cpuidle for cpu " + cpu + ")");
        }
        final List<Path> states = new ArrayList<>();
        try (var entries = Files.list(dir))
        {
            entries.filter(path -> path.getFileName().toString().startsWith("state")).sorted().forEach(states::add);
        }
        final StringBuilder value = new StringBuilder("cpu " + cpu + ":");
        long deepestEnabledUs = 0;
        for (final Path state : states)
        {
            final boolean disabled = ProcFiles.number(state.resolve("disable")) != 0;
            final long latencyUs = ProcFiles.number(state.resolve("latency"));
            value.append(' ').append(ProcFiles.firstLine(state.resolve("name")).replace(' ', '_'))
                .append('(').append(latencyUs).append(" us").append(disabled ? ", disabled)" : ")");
            if (!disabled)
            {
                deepestEnabledUs = Math.max(deepestEnabledUs, latencyUs);
            }
        }
        return deepestEnabledUs > IDLE_EXIT_LATENCY_OK_US ? Finding.warn(value.toString()) :
            Finding.ok(value.toString());
    }

    private static Finding clocksource() throws IOException
    {
        final String current = ProcFiles.firstLine(CLOCKSOURCE.resolve("current_clocksource"));
        final String value = current + " (available: " +
            ProcFiles.firstLine(CLOCKSOURCE.resolve("available_clocksource")) + ")";
        if (GOOD_CLOCKS.contains(current))
        {
            return Finding.ok(value);
        }
        return SLOW_CLOCKS.contains(current) ? Finding.fail(value) : Finding.warn(value);
    }

    private static Path cpuDir(final int cpu)
    {
        return CPU_DIR.resolve("cpu" + cpu);
    }

    /**
     * @param cmdline the kernel command line.
     * @return its {@code name=value} parameters (a bare name maps to an empty value), up to a {@code --}.
     */
    static Map<String, String> kernelParameters(final String cmdline)
    {
        final Map<String, String> parameters = new TreeMap<>();
        for (final String word : cmdline.trim().split("\\s+"))
        {
            if ("--".equals(word))
            {
                break;
            }
            final int equals = word.indexOf('=');
            parameters.put(equals < 0 ? word : word.substring(0, equals), equals < 0 ? "" : word.substring(equals + 1));
        }
        return parameters;
    }
}
