package io.ringline.tools;

import io.ringline.process.ChildProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the repository's {@code ./ringline} launcher as a user does, on the test classpath (RINGLINE_CLASSPATH) and
 * with a private shared-memory directory ({@code -Dringline.shm.dir} through RINGLINE_JAVA_OPTS), so that tests see
 * and clean only their own channels.
 */
final class Cli
{
    private static final long TIMEOUT_S = 60;

    private final Path shmDir;
    private final List<String> wrapper;

    Cli(final Path shmDir)
    {
        this(shmDir, List.of());
    }

    private Cli(final Path shmDir, final List<String> wrapper)
    {
        this.shmDir = shmDir;
        this.wrapper = wrapper;
    }

    /**
     * @param wrapper command words placed before the launcher, ending by exec-ing their arguments (e.g. a private
     *                mount namespace).
     * @return a Cli that runs every command through the wrapper.
     */
    Cli wrappedIn(final List<String> wrapper)
    {
        return new Cli(shmDir, wrapper);
    }

    Path shmDir()
    {
        return shmDir;
    }

    /** The outcome of one run. */
    record Result(int exitCode, String stdout, String stderr)
    {
        List<String> stderrLines()
        {
            return stderr.isEmpty() ? List.of() : Arrays.asList(stderr.split("\n"));
        }

        Result assertOk()
        {
            assertEquals(0, exitCode, () -> "exit code, stderr: " + stderr + " stdout: " + stdout);
            return this;
        }

        /** A failure reported the way the CLI promises: the exit code and exactly one line on stderr. */
        Result assertFails(final int expectedExitCode, final String... fragments)
        {
            assertEquals(expectedExitCode, exitCode, () -> "exit code, stderr: " + stderr + " stdout: " + stdout);
            assertEquals(1, stderrLines().size(), () -> "one line on stderr, got: " + stderr);
            for (final String fragment : fragments)
            {
                assertTrue(stderr.contains(fragment), () -> "stderr '" + stderr + "' should contain '" + fragment + "'");
            }
            return this;
        }
    }

    ProcessBuilder command(final String... args)
    {
        final List<String> command = new ArrayList<>(wrapper);
        command.add(System.getProperty("ringline.launcher"));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("RINGLINE_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("RINGLINE_JAVA_OPTS", "-Dringline.shm.dir=" + shmDir);
        return builder;
    }

    /**
     * Waits for an exporter started with {@code --port 0} to print its address, then GETs /metrics from it.
     */
    static HttpResponse<String> scrape(final ChildProcess exporter)
        throws IOException, InterruptedException
    {
        String output;
        while (!(output = exporter.output()).contains("/metrics"))
        {
            assertTrue(exporter.isAlive(), output);
            Thread.sleep(20);
        }
        final Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)/metrics")
            .matcher(output);
        assertTrue(port.find(), output);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port.group(1) + "/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    Result run(final String... args)
    {
        try
        {
            final Path out = Files.createTempFile("ringline-cli-out", ".txt");
            final Path err = Files.createTempFile("ringline-cli-err", ".txt");
            try
            {
                try (ChildProcess process = ChildProcess.start("ringline " + String.join(" ", args),
                    command(args).redirectOutput(out.toFile()).redirectError(err.toFile())))
                {
                    if (!process.awaitExit(TimeUnit.SECONDS.toMillis(TIMEOUT_S)))
                    {
                        fail(process.label() + " did not finish within " + TIMEOUT_S + "s: " + Files.readString(err));
                    }
                    return new Result(process.exitCode(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
                }
            }
            finally
            {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Starts a long-running command (pong, tail) in the background; the caller closes it. */
    ChildProcess start(final String... args)
    {
        return ChildProcess.start("ringline " + String.join(" ", args), command(args)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD));
    }

    /** Waits until a subscriber (of another process) holds a slot of the channel, and returns its status. */
    Json awaitSubscriber(final String channel) throws InterruptedException
    {
        final Path file = shmDir.resolve("ringline-" + channel.substring("shm:".length()));
        for (int attempt = 0; attempt < 100; attempt++)
        {
            if (Files.exists(file))
            {
                final Json status = json("stat", channel, "--json");
                if (!status.get("subscribers").list().isEmpty())
                {
                    return status;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no subscriber appeared in " + channel);
    }

    /** Waits until a command running in the background has written this line to the file its output goes to. */
    static void awaitLine(final Path output, final String line, final Process process)
        throws IOException, InterruptedException
    {
        for (int attempt = 0; attempt < TIMEOUT_S * 10; attempt++)
        {
            if (Files.readAllLines(output).contains(line))
            {
                return;
            }
            if (!process.isAlive())
            {
                fail("exited with " + process.exitValue() + " before writing '" + line + "'");
            }
            Thread.sleep(100);
        }
        fail("no line '" + line + "' within " + TIMEOUT_S + "s");
    }

    Json json(final String... args)
    {
        final Result result = run(args).assertOk();
        final String[] lines = result.stdout().strip().split("\n");
        assertEquals(1, lines.length, () -> "one line of JSON, got: " + result.stdout());
        return Json.parse(lines[0]);
    }
}
