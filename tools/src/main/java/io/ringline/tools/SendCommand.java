package io.ringline.tools;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.tools.inspect.ChannelLocation;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ringline send CHANNEL TEXT}: publishes one message, text or a file's bytes.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
        "Publishes one message: text, or a file's bytes.",
        "",
        "Publishes one message: TEXT as UTF-8, or the bytes of --file (- for standard input).",
        "A journal (journal:DIR) keeps the message: `ringline tail journal:DIR --from start` finds it.",
        "On a ring channel send holds a subscriber slot while it publishes, so the message is written even when " +
        "nobody reads; it stays in the ring until publishers lap it, and `ringline tail --from start` finds it. " +
        "Other transports need their reader: send waits up to --timeout for it." },
    footer = {
        "",
        "Examples:",
        "  ringline send shm:orders 'hello'",
        "  ringline send shm:orders --type 7 --file order.bin",
        "  printf 'a\\0b' | ringline send unix:/tmp/orders.sock --file -" })
final class SendCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "A channel URI.")
    String channel;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT", description = "The message, sent as UTF-8.")
    String text;

    @Option(names = "--file", paramLabel = "FILE", description = "Send this file's bytes (- for standard input).")
    String file;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--type", defaultValue = "0", paramLabel = "T", description = "Message type (default: 0).")
    int type;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", converter = Durations.Converter.class,
        description = "How long to wait for a reader or for back-pressure to clear (default: ${DEFAULT-VALUE}).")
    long timeoutNs;

    @Override
    @SuppressWarnings("try") // the anchor is held, not read: with a subscriber the ring is connected, so offer writes
    public Integer call()
    {
        final byte[] bytes = bytes();
        if (bytes.length == 0)
        {
            throw new RinglineException("channel=" + channel + ": the message is empty; a message has 1 byte or more");
        }
        final boolean ring = ChannelLocation.isRing(channel);
        final String uri = channel.startsWith("/") ? ChannelLocation.of(channel).uri() : channel;
        try (Ringline ringline = Ringline.connect();
            Subscriber anchor = ring ? ringline.addSubscriber(uri) : null;
            Publisher publisher = ringline.addPublisher(uri))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            final long deadlineNs = System.nanoTime() + timeoutNs;
            long result;
            while ((result = publisher.offer(buffer, 0, bytes.length, type)) < 0)
            {
                if (result == Publisher.CLOSED || System.nanoTime() - deadlineNs > 0)
                {
                    throw new RinglineException("channel=" + channel + " did not take the message: " +
                        Publisher.resultName(result) + (result == Publisher.CLOSED ? "" : " for --timeout " +
                        timeoutNs / 1_000_000 + "ms" + (result == Publisher.NOT_CONNECTED ? " (no reader)" : "")));
                }
                Thread.onSpinWait();
                if (result == Publisher.NOT_CONNECTED)
                {
                    Thread.yield();
                }
            }
        }
        return RinglineCli.EXIT_OK;
    }

    private byte[] bytes()
    {
        if ((null == text) == (null == file))
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "give the message as TEXT or as --file FILE, not both and not neither");
        }
        if (null != text)
        {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try
        {
            return "-".equals(file) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        }
        catch (final NoSuchFileException ex)
        {
            throw new RinglineException("file=" + file + " does not exist");
        }
        catch (final IOException ex)
        {
            throw new RinglineException("file=" + file + " could not be read: " + ex.getMessage(), ex);
        }
    }
}
