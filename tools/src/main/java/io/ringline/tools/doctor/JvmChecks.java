package io.ringline.tools.doctor;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether the JVM running the doctor (started by the {@code ringline} launcher, or by an application that calls the
 * doctor the same way) has the flags Ringline needs. What counts is the effect, not the spelling: the package
 * {@code jdk.internal.misc} exported to unnamed modules, whether by {@code --add-exports} on the command line, in
 * {@code JDK_JAVA_OPTIONS} or in a jar's manifest.
 */
final class JvmChecks
{
    /** The export Agrona 2 needs. */
    static final String ADD_EXPORTS = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";
    /** The flag that keeps JDK 22+ from warning about JNR-FFI's native access. */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private static final int NATIVE_ACCESS_WARNING_SINCE = 22;

    private JvmChecks()
    {
    }

    static List<Check> all()
    {
        return List.of(new Check("jvm-flags",
            "Agrona 2, under Ringline's buffers, uses jdk.internal.misc and fails without the export; JDK 22 and later " +
            "warn about JNR-FFI's native calls without " + NATIVE_ACCESS,
            "java " + ADD_EXPORTS + " " + NATIVE_ACCESS + " ... (the ringline launcher passes both)",
            JvmChecks::flags));
    }

    private static Finding flags()
    {
        final boolean exported = Object.class.getModule().isExported("jdk.internal.misc", JvmChecks.class.getModule());
        final List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        final boolean nativeAccess = arguments.stream().anyMatch(argument -> argument.startsWith("--enable-native-access"));
        final String relevant = arguments.stream()
            .filter(argument -> argument.contains("jdk.internal.misc") || argument.startsWith("--enable-native-access"))
            .collect(Collectors.joining(" "));
        final String value = "Java " + Runtime.version().feature() + ", jdk.internal.misc " +
            (exported ? "exported" : "not exported") + (relevant.isEmpty() ? "" : " (" + relevant + ")");
        if (!exported)
        {
            return Finding.fail(value);
        }
        return !nativeAccess && Runtime.version().feature() >= NATIVE_ACCESS_WARNING_SINCE ?
            Finding.warn(value + ", no " + NATIVE_ACCESS) : Finding.ok(value);
    }
}
