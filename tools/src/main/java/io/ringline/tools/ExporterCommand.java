package io.ringline.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ringline.tools.stat.OpenMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code ringline exporter}: serves {@code ringline stat --openmetrics} ({@link OpenMetrics}) over HTTP on the
 * loopback interface for Prometheus to scrape, with the JDK's own HTTP server on one thread and a queue of
 * {@value #QUEUE} (more waiting scrapes are refused). Stops on SIGTERM or SIGINT ({@link StopSignal}) or after
 * {@code --timeout}.
 */
@Command(
    name = "exporter",
    mixinStandardHelpOptions = true,
    description = {
        "Serves ring channels' counters and latency percentiles in the OpenMetrics text format on 127.0.0.1.",
        "",
        "GET /metrics answers what `ringline stat --openmetrics` prints, read at each scrape. Listens on the " +
        "loopback interface only; one scrape at a time. Each scrape drains the channels' latency histograms, so " +
        "a `stat --watch` running beside it shows shorter intervals. Stops on SIGTERM, Ctrl-C or --timeout." },
    footer = {
        "",
        "Examples:",
        "  ringline exporter --port 9464",
        "  ringline exporter --port 9464 --channels shm:orders,shm:fills --timeout 1h",
        "  curl -s http://127.0.0.1:9464/metrics" })
final class ExporterCommand implements Callable<Integer>
{
    static final int QUEUE = 8;

    @Option(names = "--port", required = true, paramLabel = "P",
        description = "TCP port on 127.0.0.1 (0: any free port, printed at start).")
    int port;

    @Option(names = "--channels", split = ",", paramLabel = "CHANNEL",
        description = "Channels to export (default: every ring channel in the shm directory, at each scrape).")
    List<String> channels;

    @Option(names = "--timeout", defaultValue = "0", paramLabel = "DURATION", converter = Durations.Converter.class,
        description = "Stop after this long; 0 runs until SIGTERM or Ctrl-C (default: ${DEFAULT-VALUE}).")
    long timeoutNs;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), (runnable) -> new Thread(runnable, "ringline-exporter"),
            new ThreadPoolExecutor.AbortPolicy());
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        try (StopSignal stop = StopSignal.install(0))
        {
            server.start();
            System.out.println("exporter listening on http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
            System.out.flush();
            final long startNs = System.nanoTime();
            while (stop.isRunning() && (timeoutNs <= 0 || System.nanoTime() - startNs < timeoutNs))
            {
                Thread.sleep(50);
            }
            server.stop(0);
            executor.shutdown();
            executor.awaitTermination(1, TimeUnit.SECONDS);
        }
        return RinglineCli.EXIT_OK;
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod()) || !("/metrics".equals(path) || "/".equals(path)))
            {
                exchange.sendResponseHeaders("GET".equals(exchange.getRequestMethod()) ? 404 : 405, -1);
                return;
            }
            final byte[] body = OpenMetrics.scrape(null == channels ? OpenMetrics.allChannels() : channels)
                .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", OpenMetrics.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        }
    }
}
