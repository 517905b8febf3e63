package io.ringline.tools.cpu;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A set of CPUs written the way the kernel writes one ({@code cpuset(7)} "list format", as in
 * {@code /sys/devices/system/cpu/isolated}, {@code isolcpus=} or {@code taskset -c}): numbers and ranges separated by
 * commas, {@code 0-3,6,8-9}.
 */
public final class CpuList
{
    private CpuList()
    {
    }

    /**
     * @param text a list such as {@code 0-3,6}; blank means no CPU.
     * @return the CPUs, ascending, each once.
     * @throws IllegalArgumentException naming the token that is not a CPU number or range.
     */
    public static int[] parse(final String text)
    {
        final TreeSet<Integer> cpus = new TreeSet<>();
        final String trimmed = text.trim();
        if (trimmed.isEmpty())
        {
            return new int[0];
        }
        for (final String token : trimmed.split(",", -1))
        {
            final int dash = token.indexOf('-');
            final int first = number(dash < 0 ? token : token.substring(0, dash), token, text);
            final int last = dash < 0 ? first : number(token.substring(dash + 1), token, text);
            if (last < first)
            {
                throw new IllegalArgumentException("cpu list '" + text + "': range '" + token + "' ends before it " +
                    "starts");
            }
            for (int cpu = first; cpu <= last; cpu++)
            {
                cpus.add(cpu);
            }
        }
        return cpus.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param cpus CPUs, ascending.
     * @return the list format, ranges collapsed ({@code 0-3,6}); {@code none} for no CPU.
     */
    public static String format(final int[] cpus)
    {
        if (cpus.length == 0)
        {
            return "none";
        }
        final StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < cpus.length)
        {
            int j = i;
            while (j + 1 < cpus.length && cpus[j + 1] == cpus[j] + 1)
            {
                j++;
            }
            out.append(out.length() == 0 ? "" : ",").append(cpus[i]);
            if (j > i)
            {
                out.append('-').append(cpus[j]);
            }
            i = j + 1;
        }
        return out.toString();
    }

    /**
     * @param cpus    CPUs asked for.
     * @param allowed the CPUs this process may use, ascending.
     * @throws IllegalArgumentException naming the first CPU not allowed, and the allowed set.
     */
    public static void requireAllowed(final int[] cpus, final int[] allowed)
    {
        for (final int cpu : cpus)
        {
            if (Arrays.binarySearch(allowed, cpu) < 0)
            {
                throw new IllegalArgumentException("cpu " + cpu + " is not one this process may use (allowed: " +
                    format(allowed) + ")");
            }
        }
    }

    private static int number(final String digits, final String token, final String text)
    {
        final String trimmed = digits.trim();
        if (trimmed.isEmpty() || !trimmed.chars().allMatch(Character::isDigit) || trimmed.length() > 6)
        {
            throw new IllegalArgumentException("cpu list '" + text + "': '" + token + "' is not a CPU number or " +
                "range (e.g. 0-3,6)");
        }
        return Integer.parseInt(trimmed);
    }
}
