package io.ringline.transport.socket;

import io.ringline.MessageHandler;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs an ordinary command-line tool against a Ringline subscriber and collects what the subscriber received.
 */
public final class InteropTool
{
    private InteropTool()
    {
    }

    /**
     * @param name a command.
     * @return its path on PATH, or null.
     */
    public static Path onPath(final String name)
    {
        for (final String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            final Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
            if (Files.isExecutable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Runs a command to completion while the subscriber receives, until the subscriber reaches end of stream.
     *
     * @param subscriber listening for the tool.
     * @param command    the tool and its arguments.
     * @return each message received, as text.
     */
    public static List<String> receiveFrom(final Subscriber subscriber, final List<String> command)
        throws InterruptedException
    {
        final List<String> messages = new ArrayList<>();
        final MessageHandler collector = (buffer, offset, length, header) ->
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            messages.add(new String(bytes, StandardCharsets.UTF_8));
        };
        try (ChildProcess tool = ChildProcess.startLogged(command.get(0), new ProcessBuilder(command)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!subscriber.isEndOfStream())
            {
                assertTrue(System.nanoTime() < deadline, "no end of stream from " + command + "; got " + messages +
                    (tool.isAlive() ? "" : "; it exited: " + tool.output()));
                subscriber.receive(collector, 16, TimeUnit.MILLISECONDS.toNanos(100));
            }
            assertEquals(0, tool.awaitExitCode(20_000), command + ": " + tool.output());
            return messages;
        }
    }
}
