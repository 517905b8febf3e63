package io.ringline.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringline doctor} on this machine: every check present with a verdict, the exit code following the verdicts,
 * an input it cannot read reported as a warning, and the channels given weighed against the shared-memory directory.
 */
@Timeout(180)
class DoctorCommandTest
{
    private static final List<String> CHECKS = List.of(
        "cpu-count", "cpu-isolation", "cpu-governor", "c-states", "clocksource", "transparent-hugepages", "swappiness",
        "shm-space", "memlock", "open-files", "mqueue-mount", "mqueue-limits", "pipe-max-size", "sysv-shmmax",
        "sysv-msgmnb", "sysv-sem", "jvm-flags", "cache-line-rtt", "futex-wakeup");
    private static final Set<String> VERDICTS = Set.of("ok", "warn", "fail");

    @TempDir
    Path dir;

    @Test
    void everyCheckHasAVerdictAndTheExitCodeFollowsThem()
    {
        final Cli.Result result = new Cli(dir).run("doctor", "--json", "--probe-time", "100ms");
        final Map<String, Json> checks = checksOf(result);
        assertEquals(CHECKS, new ArrayList<>(checks.keySet()));
        for (final Map.Entry<String, Json> check : checks.entrySet())
        {
            final Json fields = check.getValue();
            assertEquals(List.of("name", "verdict", "value", "why", "fix"), new ArrayList<>(fields.fields()));
            assertTrue(VERDICTS.contains(fields.get("verdict").asString()), () -> check.getKey() + ": " + fields);
            for (final String text : List.of("value", "why", "fix"))
            {
                assertFalse(fields.get(text).asString().isBlank(), () -> check.getKey() + " has no " + text);
            }
        }
        final boolean failed = checks.values().stream().anyMatch(check -> "fail".equals(verdictOf(check)));
        assertEquals(failed ? 1 : 0, result.exitCode(), () -> "exit code against the verdicts: " + result.stdout());
        assertEquals("ok", verdictOf(checks.get("jvm-flags")), "the launcher passes the flags Ringline needs");
    }

    @Test
    void anUnreadableInputIsAWarningWithItsReason()
    {
        final Path missing = dir.resolve("no-such-shm-dir");
        final Cli.Result result = new Cli(missing).run("doctor", "--json", "--no-probes");
        final Json shm = checksOf(result).get("shm-space");
        assertEquals("warn", verdictOf(shm));
        final String value = shm.get("value").asString();
        assertTrue(value.startsWith("could not be read") && value.contains(missing.toString()), value);
    }

    @Test
    void channelsLargerThanTheSharedMemoryDirectoryFail() throws IOException
    {
        final long total = Files.getFileStore(dir).getTotalSpace();
        final long gigabyte = 1L << 30;
        final List<String> args = new ArrayList<>(List.of("doctor", "--json", "--no-probes"));
        for (long i = 0; i <= total / gigabyte; i++)
        {
            args.addAll(List.of("--channel", "shm:big" + i + "?capacity=1g"));
        }
        final Cli.Result result = new Cli(dir).run(args.toArray(String[]::new));
        final Json shm = checksOf(result).get("shm-space");
        assertEquals("fail", verdictOf(shm), shm::toString);
        assertTrue(shm.get("value").asString().contains("shm: channel(s) take"), shm::toString);
        assertEquals(1, result.exitCode());
        try (var left = Files.list(dir))
        {
            assertEquals(0, left.count(), "doctor creates no channel");
        }
    }

    @Test
    void aBadChannelIsAUsageError()
    {
        new Cli(dir).run("doctor", "--channel", "shm:x?capacity=3k", "--no-probes")
            .assertFails(2, "--channel", "capacity");
        new Cli(dir).run("doctor", "--probe-time", "0").assertFails(2, "--probe-time");
    }

    @Test
    void theTableShowsWhyAndFixForWhatIsNotOk()
    {
        final Cli.Result result = new Cli(dir).run("doctor", "--no-probes");
        final String out = result.stdout();
        assertTrue(out.startsWith("CHECK"), out);
        assertTrue(out.contains(" checks: "), out);
        for (final String check : CHECKS.subList(0, CHECKS.size() - 2))
        {
            assertTrue(out.contains("\n" + check + " "), () -> check + " missing from " + out);
        }
        if (out.contains(" warn ") || out.contains(" fail "))
        {
            assertTrue(out.contains("why: ") && out.contains("fix: "), out);
        }
    }

    private static Map<String, Json> checksOf(final Cli.Result result)
    {
        assertTrue(result.exitCode() == 0 || result.exitCode() == 1, () -> "exit code " + result.exitCode() + ": " +
            result.stderr());
        final String[] lines = result.stdout().strip().split("\n");
        assertEquals(1, lines.length, () -> "one line of JSON, got: " + result.stdout());
        return Json.parse(lines[0]).get("checks").list().stream().collect(Collectors.toMap(
            check -> check.get("name").asString(), check -> check, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static String verdictOf(final Json check)
    {
        return check.get("verdict").asString();
    }
}
