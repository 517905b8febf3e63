package io.ringline.perf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ringline.perf.bench.BenchFixtures;
import io.ringline.perf.bench.BenchResults;
import io.ringline.perf.bench.Ratio;
import io.ringline.perf.bench.RunKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest
{
    @TempDir
    Path dir;

    private static BenchResults results()
    {
        final BenchFixtures fixtures = new BenchFixtures("rounds=2", "sizes=32,4096");
        for (int round = 1; round <= 2; round++)
        {
            for (final int size : new int[] { 32, 4096 })
            {
                fixtures.roundTrip("ringline-shm", size, round, 200 + size / 10)
                    .roundTrip("aeron-ipc", size, round, 180 + size / 10)
                    .roundTrip("ringline-fifo", size, round, 40_000)
                    .throughput("ringline-shm", size, round, 30e6)
                    .throughput("agrona-o2o-ring", size, round, 28e6);
            }
        }
        return fixtures.skipped("c-pipe", RunKind.ROUND_TRIP, 32, 1).results();
    }

    private static int count(final String text, final String regex)
    {
        final Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find())
        {
            count++;
        }
        return count;
    }

    @Test
    void writesTheThreeReports() throws IOException
    {
        final BenchResults results = results();
        final List<Ratio> ratios = Ratio.evaluate(results);

        BenchReport.write(results, ratios, dir);

        final String markdown = Files.readString(dir.resolve(BenchReport.MARKDOWN));
        assertTrue(markdown.contains("## Round trips, 4096-byte messages"), markdown);
        assertTrue(markdown.contains("| ringline-shm / aeron-ipc RTT p50 "), markdown);
        assertTrue(markdown.contains("gcc not found"), markdown);

        final String html = Files.readString(dir.resolve(BenchReport.HTML));
        assertEquals(3, count(html, "<svg"), "one plot per round-trip peer");
        assertEquals(6, count(html, "<polyline"), "one line per size in each plot");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
            "no external resource");

        final String json = Files.readString(dir.resolve(BenchReport.JSON));
        assertTrue(json.startsWith("{\"passed\": true"), json);
        assertTrue(json.contains("\"ratio\": \"ringline-shm / agrona-o2o-ring msgs/s\""), json);
        assertEquals(count(json, "\\{"), count(json, "\\}"));
    }

    @Test
    void aFailedGateShowsInEveryReport() throws IOException
    {
        final BenchFixtures fixtures = new BenchFixtures("rounds=1", "sizes=32");
        fixtures.roundTrip("ringline-shm", 32, 1, 900).roundTrip("aeron-ipc", 32, 1, 150);
        final BenchResults results = fixtures.results();

        BenchReport.write(results, Ratio.evaluate(results), dir);

        assertTrue(Files.readString(dir.resolve(BenchReport.JSON)).startsWith("{\"passed\": false"));
        assertTrue(Files.readString(dir.resolve(BenchReport.MARKDOWN)).contains("**FAILED**"));
        assertTrue(Files.readString(dir.resolve(BenchReport.HTML)).contains("<strong>FAILED</strong>"));
    }

    @Test
    void escapesHtml()
    {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", HtmlReport.escape("a <b> & \"c\""));
    }
}
