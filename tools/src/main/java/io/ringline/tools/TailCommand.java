package io.ringline.tools;

import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.ring.RecordDecoder;
import io.ringline.tools.inspect.ChannelImage;
import io.ringline.tools.inspect.ChannelLocation;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ringline tail CHANNEL}: prints messages as they arrive. A ring channel is read through a read-only mapping,
 * without a subscriber slot, by the engine's own {@link RecordDecoder} (the same checks as a subscriber, and a corrupt
 * record is a failure naming the channel and its position), from its oldest record still held ({@code --from start})
 * or from its tail; a journal by an ordinary journal subscriber from its first record or its end (a {@code from=} or
 * {@code name=} in the URI wins); any other transport is read by an ordinary subscriber, from now. It stops at {@code --count},
 * {@code --timeout}, SIGTERM or SIGINT ({@link StopSignal}).
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
        "Prints a channel's messages as they arrive, or from the oldest still held.",
        "",
        "Prints the messages of a channel, one line each, until Ctrl-C, --count or --timeout.",
        "A ring channel (shm:, file:, sysvshm:) is read through a read-only mapping without joining it: publishers " +
        "never wait for tail, and if they lap it, it says how many bytes it lost. --from start begins at the oldest " +
        "message still whole in the ring, published before tail started. A damaged record (one a subscriber would " +
        "refuse) stops tail with exit code 1, naming the channel and the record's position.",
        "A journal (journal:DIR) is read by a journal subscriber: --from start is its first retained record, a " +
        "from= or name= in the URI wins over --from.",
        "Other transports are read by an ordinary subscriber, so only --from now is possible; on a queue (mq:, " +
        "sysvmq:) or a stream, tail is the reader: it consumes what it prints." },
    footer = {
        "",
        "Examples:",
        "  ringline tail shm:orders --from start --count 10",
        "  ringline tail shm:orders --types 3,4 --format json",
        "  ringline tail unix:/tmp/orders.sock --format hex --timeout 30s" })
final class TailCommand implements Callable<Integer>
{
    /** Where a tail starts. */
    enum From
    {
        /** The oldest message still in the ring. */
        start,
        /** Messages published from now on. */
        now
    }

    @Parameters(index = "0", paramLabel = "CHANNEL", description = "A channel URI, or the path of a ring channel file.")
    String channel;

    @Option(names = "--from", defaultValue = "now", paramLabel = "start|now",
        description = "start (ring channels and journals) or now (default: ${DEFAULT-VALUE}).")
    From from;

    @Option(names = "--types", split = ",", paramLabel = "TYPE", description = "Only these message types.")
    List<Integer> types;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|hex|json",
        description = "text (UTF-8, escaped), hex (the payload's bytes) or json (one object a line); " +
        "default: ${DEFAULT-VALUE}.")
    MessageFormat format;

    @Option(names = "--count", defaultValue = "0", paramLabel = "N", description = "Stop after N messages.")
    long count;

    @Option(names = "--timeout", defaultValue = "0", paramLabel = "DURATION", converter = Durations.Converter.class,
        description = "Stop after this long (e.g. 5s); with --count, fewer messages by then is a failure.")
    long timeoutNs;

    private long printed;

    @Override
    public Integer call()
    {
        final boolean ring = ChannelLocation.isRing(channel);
        final boolean journal = channel.startsWith("journal:");
        if (!ring && !journal && from == From.start)
        {
            throw new RinglineException("channel=" + channel + ": --from start needs a ring channel (shm:, file:, " +
                "sysvshm:) or a journal (journal:), which keep their messages; other transports deliver only what arrives after tail " +
                "opens them (use --from now)");
        }
        final long startNs = System.nanoTime();
        final PrintStream out = System.out;
        final MessageHandler printer = (buffer, offset, length, header) -> print(out, buffer, offset, length, header);
        try (StopSignal stop = StopSignal.install(0))
        {
            if (ring)
            {
                tailRing(printer, stop, startNs);
            }
            else
            {
                tailSubscriber(journal ? JournalUris.withFrom(channel, from == From.start ? "start" : "end") :
                    channel, printer, stop, startNs);
            }
        }
        out.flush();
        if (count > 0 && printed < count)
        {
            throw new RinglineException("channel=" + channel + " delivered " + printed + " of --count " + count +
                " messages within --timeout " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + "ms");
        }
        return RinglineCli.EXIT_OK;
    }

    private void tailRing(final MessageHandler printer, final StopSignal stop, final long startNs)
    {
        try (ChannelImage image = ChannelImage.open(ChannelLocation.of(channel)))
        {
            final ChannelLocation location = image.location();
            final RecordDecoder decoder =
                RecordDecoder.withoutSlot(location.uri() + " " + location.object(), image.buffer(), null);
            if (from == From.start)
            {
                decoder.seekOldest();
            }
            final IdleStrategy idle = new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
            long lost = 0;
            while (goesOn(stop, startNs))
            {
                idle.idle(decoder.poll(printer, (int)Math.min(256, count == 0 ? 256 : count - printed)));
                if (decoder.lostBytes() != lost)
                {
                    System.err.println("ringline tail: channel=" + channel + " lapped by its publishers: " +
                        (decoder.lostBytes() - lost) + " bytes lost");
                    lost = decoder.lostBytes();
                }
            }
        }
    }

    private void tailSubscriber(
        final String uri, final MessageHandler printer, final StopSignal stop, final long startNs)
    {
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(uri))
        {
            while (goesOn(stop, startNs) && !subscriber.isEndOfStream())
            {
                final long waitNs = TimeUnit.MILLISECONDS.toNanos(200);
                subscriber.receive(printer, 1, timeoutNs == 0 ? waitNs :
                    Math.max(0, Math.min(waitNs, timeoutNs - (System.nanoTime() - startNs))));
            }
        }
    }

    private boolean goesOn(final StopSignal stop, final long startNs)
    {
        return stop.isRunning() && !done() && (timeoutNs == 0 || System.nanoTime() - startNs < timeoutNs);
    }

    private boolean done()
    {
        return count > 0 && printed >= count;
    }

    private void print(
        final PrintStream out, final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (done() || null != types && !types.contains(header.type()))
        {
            return;
        }
        final byte[] payload = new byte[length];
        buffer.getBytes(offset, payload);
        out.println(format.format(header.position(), header.type(), header.timestampNs(), payload));
        out.flush();
        printed++;
    }
}
