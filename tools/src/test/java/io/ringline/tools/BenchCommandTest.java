package io.ringline.tools;

import io.ringline.process.ChildProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ringline bench --quick} through the repository's launcher, as a user would, with two rounds and short
 * runs instead of five (the plan, peers and files are the same), and checks what it writes.
 */
class BenchCommandTest
{
    private static final long COUNT = 3000;
    private static final long WATCHDOG_MINUTES = 5;

    @TempDir
    Path dir;

    private static Set<String> perfScratchDirectories() throws IOException
    {
        try (Stream<Path> entries = Files.list(Path.of("/dev/shm")))
        {
            return entries.map((path) -> path.getFileName().toString())
                .filter((name) -> name.startsWith("ringline-perf-")).collect(java.util.stream.Collectors.toSet());
        }
    }

    private static List<String> groups(final String text, final String regex)
    {
        final List<String> found = new ArrayList<>();
        final Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find())
        {
            found.add(matcher.group(1));
        }
        return found;
    }

    /**
     * Aeron's own UDP ping-pong ({@code aeron-udp}, one driver per side) and {@code ringline ping}'s path over
     * {@code aeron:udp} ({@code ringline-aeron-udp}, a driver embedded in each JVM) run as bench peers (a short run
     * that only checks they complete; figures are measured elsewhere), and their ratio is reported.
     */
    @Test
    void aeronUdpPeersRun() throws Exception
    {
        final Path out = dir.resolve("aeron-udp");
        final Path stdout = dir.resolve("aeron-udp-stdout.txt");
        final ProcessBuilder builder = new ProcessBuilder(System.getProperty("ringline.launcher"), "bench",
            "--out", out.toString(), "peers=aeron-udp,ringline-aeron-udp", "rounds=1", "count=2000", "warmup=500",
            "sizes=32", "seconds=0.2", "warmupSeconds=0.2")
            .redirectOutput(stdout.toFile()).redirectErrorStream(true);
        builder.environment().put("RINGLINE_CLASSPATH", System.getProperty("java.class.path"));
        try (ChildProcess bench = ChildProcess.start("ringline bench aeron-udp", builder))
        {
            assertTrue(bench.awaitExit(TimeUnit.MINUTES.toMillis(WATCHDOG_MINUTES)), "bench still running");
        }
        final String printed = Files.readString(stdout);
        final String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        assertFalse(json.contains("\"status\": \"FAILED\""), "no run may fail: " + json + printed);
        final Set<String> peers = new LinkedHashSet<>(groups(json, "\"peer\": \"([^\"]+)\""));
        assertTrue(peers.containsAll(List.of("aeron-udp", "ringline-aeron-udp")), peers + " " + printed);
        assertTrue(Files.readString(out.resolve("report.md")).contains("ringline-aeron-udp / aeron-udp"),
            Files.readString(out.resolve("report.md")));
    }

    @Test
    void quickBenchWritesEveryReportAndHistogram() throws Exception
    {
        final Set<String> scratchBefore = perfScratchDirectories();
        final Path out = dir.resolve("report");
        final Path stdout = dir.resolve("stdout.txt");
        final Path stderr = dir.resolve("stderr.txt");
        final ProcessBuilder builder = new ProcessBuilder(System.getProperty("ringline.launcher"), "bench", "--quick",
            "--out", out.toString(), "rounds=2", "count=" + COUNT, "warmup=3000", "seconds=0.2", "warmupSeconds=0.2")
            .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("RINGLINE_CLASSPATH", System.getProperty("java.class.path"));
        final int exitCode;
        try (ChildProcess bench = ChildProcess.start("ringline bench --quick", builder))
        {
            if (!bench.awaitExit(TimeUnit.MINUTES.toMillis(WATCHDOG_MINUTES)))
            {
                throw new AssertionError("bench --quick still running after " + WATCHDOG_MINUTES + " minutes");
            }
            exitCode = bench.exitCode();
        }
        final String printed = Files.readString(stdout) + Files.readString(stderr);
        final boolean gateFailed = printed.contains("GATE FAILED");
        assertEquals(gateFailed ? RinglineCli.EXIT_FAILURE : RinglineCli.EXIT_OK, exitCode, printed);
        assertTrue(printed.contains("] done"), "progress bar on stderr: " + printed);

        final String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        assertFalse(json.contains("\"status\": \"FAILED\""), "no run may fail: " + json);
        final String roundTrips = json.substring(json.indexOf("\"roundTrips\""), json.indexOf("\"throughput\""));
        final Set<String> peers = new LinkedHashSet<>(groups(roundTrips, "\"peer\": \"([^\"]+)\""));
        assertTrue(peers.containsAll(List.of("ringline-shm", "aeron-ipc", "agrona-o2o-ring", "ringline-futex",
            "ringline-fifo", "ringline-mq", "ringline-sysvmq", "ringline-unix", "ringline-tcp", "ringline-unixgram",
            "ringline-udp")), peers.toString());

        final String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertEquals(peers.size(), groups(html, "(<svg )").size(), "one plot per transport and peer");
        assertTrue(html.contains("ringline-shm round-trip time by percentile"));
        assertFalse(html.contains("<script") || html.contains("<link"), "self-contained");
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Ratios"));

        for (final String peer : peers)
        {
            final Path hgrm = out.resolve("hist").resolve(peer + "-32B-round1.hgrm");
            assertTrue(percentileAtHalf(hgrm) > 0, hgrm.toString());
            assertEquals(COUNT, intervalLogCount(out.resolve("hist").resolve(peer + "-32B-round1.hlog")), peer);
        }
        assertEquals(scratchBefore, perfScratchDirectories(), "scratch directories left in /dev/shm");
    }

    private static double percentileAtHalf(final Path hgrm) throws IOException
    {
        for (final String line : Files.readAllLines(hgrm))
        {
            final String[] columns = line.trim().split("\\s+");
            if (columns.length == 4 && !line.contains("Value") && Double.parseDouble(columns[1]) >= 0.5)
            {
                return Double.parseDouble(columns[0]);
            }
        }
        throw new AssertionError("no median row: " + hgrm);
    }

    private static long intervalLogCount(final Path hlog) throws IOException
    {
        final HistogramLogReader reader = new HistogramLogReader(new File(hlog.toString()));
        long total = 0;
        EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null)
        {
            total += ((org.HdrHistogram.Histogram)interval).getTotalCount();
        }
        return total;
    }
}
