package io.ringline.tools;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Latency histograms read live from other processes: a child JVM publishes with injected latencies to a subscriber
 * in this JVM, which keeps polling, and {@code ringline stat} (a third process) drains the histogram while it fills;
 * the percentiles are those injected, within the histogram's precision (1%). The subscriber's clock stands still and
 * the publisher stamps records with that time minus the latency wanted, so the scheduling of a busy machine adds
 * nothing to what is measured.
 * Also the interval log ({@code --hlog}) read back with {@code HistogramLogReader}, and the exporter answering GET.
 */
@Timeout(180)
class LatencyStatTest
{
    @TempDir
    Path dir;

    @Test
    void statShowsThePercentilesAChildInjectedIntervalByInterval() throws Exception
    {
        final Cli cli = new Cli(dir);
        final Path go = dir.resolve("phase-2");
        final long fixedNs = System.nanoTime();
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(dir.toString())
                .nanoClock(() -> fixedNs));
            Subscriber subscriber = ringline.addSubscriber("shm:lat?latency=true");
            Polling polling = new Polling(subscriber);
            ChildProcess child = ChildProcess.startLogged(JavaCommand.of(LatencyPublisherMain.class, "shm:lat",
                go.toString(), Long.toString(fixedNs)).options(JavaCommand.SMALL_HEAP).property("ringline.shm.dir", dir.toString())
                .property("ringline.conductor.stats", "true")))
        {
            child.awaitLine("phase 1 published", 60_000);
            polling.awaitCount(1000);

            final Json firstStatus = cli.json("stat", "shm:lat", "--json");
            final Json conductor = firstStatus.get("conductors").list().get(0);
            assertEquals(child.pid(), conductor.get("pid").asLong(), "the child keeps conductor statistics");
            assertTrue(conductor.get("cycles").asLong() > 0, conductor.toString());
            assertTrue(conductor.get("max_cycle_ns").asLong() > 0, conductor.toString());
            assertTrue(conductor.get("cycle_time").get("total").get("count").asLong() > 0, conductor.toString());
            final Json first = latency(firstStatus);
            assertTrue(first.get("swapped").asBoolean(), "the polling subscriber acknowledged the swap");
            final Json interval = first.get("interval");
            assertEquals(1000, interval.get("count").asLong());
            assertNear(LatencyPublisherMain.PHASE_1_NS[0], interval.get("p50_ns").asLong(), "p50");
            assertNear(LatencyPublisherMain.PHASE_1_NS[1], interval.get("p90_ns").asLong(), "p90");
            assertNear(LatencyPublisherMain.PHASE_1_NS[2], interval.get("p99_ns").asLong(), "p99");
            assertNear(LatencyPublisherMain.PHASE_1_NS[3], interval.get("p99_9_ns").asLong(), "p99.9");
            assertNear(LatencyPublisherMain.PHASE_1_NS[3], interval.get("max_ns").asLong(), "max");
            assertEquals(1000, first.get("total").get("count").asLong());

            Files.createFile(go);
            child.awaitLine("phase 2 published", 60_000);
            polling.awaitCount(2000);

            final Json second = latency(cli.json("stat", "shm:lat", "--json"));
            final Json next = second.get("interval");
            assertEquals(1000, next.get("count").asLong(), "the second interval holds phase 2 only");
            assertNear(LatencyPublisherMain.PHASE_2_NS, next.get("p50_ns").asLong(), "p50");
            assertNear(LatencyPublisherMain.PHASE_2_NS, next.get("p99_9_ns").asLong(), "p99.9");
            assertNear(LatencyPublisherMain.PHASE_2_NS, next.get("max_ns").asLong(), "max");
            final Json total = second.get("total");
            assertEquals(2000, total.get("count").asLong(), "the totals keep both phases");
            assertNear(LatencyPublisherMain.PHASE_1_NS[3], total.get("max_ns").asLong(), "max since start");
            assertNear(LatencyPublisherMain.PHASE_2_NS, total.get("p50_ns").asLong(), "p50 since start");
            assertEquals(0, child.awaitExitCode(30_000), child.output());

            final String table = cli.run("stat", "shm:lat").assertOk().stdout();
            assertTrue(table.contains("latency, publish to delivery") && table.contains("total"), table);
            System.out.println("$ ringline stat shm:lat\n" + table); // a real sample, for docs/tools.md
        }
        finally
        {
            cli.run("rm", "shm:lat");
        }
    }

    @Test
    void hlogReadsBackAndTheExporterAnswersAGet() throws Exception
    {
        final Cli cli = new Cli(dir);
        final Path log = dir.resolve("lat.hlog");
        final long injectedNs = 30_000_000L;
        final long fixedNs = System.nanoTime();
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(dir.toString())
                .nanoClock(() -> fixedNs));
            Subscriber subscriber = ringline.addSubscriber("shm:hlog?latency=true");
            Polling polling = new Polling(subscriber);
            Ringline behind = Ringline.connect(new Ringline.Context().shmDir(dir.toString())
                .nanoClock(() -> fixedNs - injectedNs));
            Publisher publisher = behind.addExclusivePublisher("shm:hlog"))
        {
            try (ChildProcess stat = ChildProcess.startLogged("stat --hlog", cli.command("stat", "shm:hlog",
                "--hlog", log.toString(), "--seconds", "2", "--interval", "500ms")))
            {
                while (!Files.exists(log) || !Files.readString(log).contains("\"StartTimestamp\""))
                {
                    assertTrue(stat.isAlive(), stat.output());
                    Thread.sleep(20);
                }
                final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
                for (int i = 0; i < 500; i++)
                {
                    while (publisher.offer(message, 0, 8) < 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                polling.awaitCount(500);
                assertEquals(0, stat.awaitExitCode(60_000), stat.output());
            }

            final HistogramLogReader reader = new HistogramLogReader(log.toFile());
            final Histogram sum = new Histogram(1, 10_000_000_000L, 2);
            EncodableHistogram next;
            int histograms = 0;
            while (null != (next = reader.nextIntervalHistogram()))
            {
                assertEquals("slot-0", next.getTag());
                sum.add((Histogram)next);
                histograms++;
            }
            assertTrue(histograms >= 1, "histograms in the log");
            assertEquals(500, sum.getTotalCount(), "every message is in one interval of the log");
            assertNear(injectedNs, sum.getValueAtPercentile(50), "p50 from the log");

            final String metrics = cli.run("stat", "--openmetrics").assertOk().stdout();
            assertTrue(metrics.endsWith("# EOF\n"), metrics);
            System.out.println("$ ringline stat --openmetrics\n" + metrics); // a real sample, for docs/tools.md
            assertTrue(metrics.contains("ringline_subscriber_latency_seconds_count{channel=\"shm:hlog\",slot=\"0\"} 500"),
                metrics);

            assertTrue(cli.run("exporter", "--port", "0", "--timeout", "300ms").assertOk().stdout()
                .startsWith("exporter listening on http://127.0.0.1:"));
            try (ChildProcess exporter = ChildProcess.startLogged("exporter", cli.command("exporter", "--port", "0",
                "--channels", "shm:hlog")))
            {
                final HttpResponse<String> response = Cli.scrape(exporter);
                assertEquals(200, response.statusCode());
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(
                    "application/openmetrics-text"), response.headers().toString());
                assertTrue(response.body().contains("ringline_back_pressure_total{channel=\"shm:hlog\"} 0"),
                    response.body());
                assertTrue(response.body().contains("quantile=\"0.99\"} 0.03"), response.body());
                assertTrue(response.body().contains("ringline_subscriber_latency_max_seconds{channel=\"shm:hlog\"," +
                    "slot=\"0\"} 0.03\n"), response.body());
                assertTrue(response.body().endsWith("# EOF\n"), response.body());
                exporter.stop(); // SIGTERM
                assertFalse(exporter.isAlive());
            }
        }
        finally
        {
            cli.run("rm", "shm:hlog");
        }
    }

    private static Json latency(final Json status)
    {
        return status.get("subscribers").list().get(0).get("latency");
    }

    private static void assertNear(final long injectedNs, final long measuredNs, final String what)
    {
        assertTrue(measuredNs >= injectedNs * 0.99 && measuredNs <= injectedNs * 1.01,
            () -> what + ": injected=" + injectedNs + " measured=" + measuredNs);
    }

    /** A subscriber that keeps polling on its own thread, as an application's would, and counts. */
    private static final class Polling implements AutoCloseable
    {
        private final AtomicLong count = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Polling(final Subscriber subscriber)
        {
            thread = new Thread(() ->
            {
                while (running.get())
                {
                    if (subscriber.poll((buffer, offset, length, header) -> count.incrementAndGet(), 64) == 0)
                    {
                        Thread.yield();
                    }
                }
            }, "polling");
            thread.start();
        }

        void awaitCount(final long expected) throws InterruptedException
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count.get() < expected)
            {
                assertTrue(System.nanoTime() < deadlineNs, "received " + count.get() + " of " + expected);
                Thread.sleep(5);
            }
            assertEquals(expected, count.get());
        }

        @Override
        public void close() throws InterruptedException
        {
            running.set(false);
            thread.join();
        }
    }
}
