package io.ringline.perf;

import java.lang.management.ManagementFactory;

/**
 * The JVM a figure was measured on, as the benchmark's report and the command line's {@code ping} and
 * {@code throughput} print it: every figure carries its conditions.
 */
public final class RuntimeFacts
{
    private RuntimeFacts()
    {
    }

    /**
     * @return the virtual machine's name and full version, e.g. {@code OpenJDK 64-Bit Server VM 17.0.15+6}.
     */
    public static String jvm()
    {
        return System.getProperty("java.vm.name") + " " + Runtime.version();
    }

    /**
     * @return the options the JVM was started with, separated by spaces.
     */
    public static String jvmFlags()
    {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
