package io.ringline.tools;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.journal.Replayer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code ringline replay --from journal:DIR --to URI}: reads a journal from its {@code from=} and publishes each
 * message, with its type, to any channel ({@link Replayer}), as fast as possible, at {@code --rate} or at
 * {@code --speed} times the recorded pace, until SIGTERM/SIGINT, {@code --seconds} or {@code --count}.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Replays a journal into a channel.",
        "",
        "Reads --from (a journal: channel; ?from=start|end|POSITION|time:EPOCH_NS, default start here) and publishes " +
        "each message, with its type, to --to (any channel). Unpaced by default; --rate N sends N messages a second, " +
        "--speed X keeps the recorded gaps divided by X. Back-pressure is waited out, never dropped. After the " +
        "recording's end it follows the journal live. Runs until Ctrl-C/SIGTERM, --seconds or --count." },
    footer = {
        "",
        "Examples:",
        "  ringline replay --from journal:/var/lib/app/orders --to shm:orders-replay --speed 1",
        "  ringline replay --from 'journal:/tmp/quotes?from=time:1767000000000000000' --to shm:q --rate 10000" })
final class ReplayCommand implements Callable<Integer>
{
    @Option(names = "--from", required = true, paramLabel = "journal:DIR", description = "The recording.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URI", description = "Where to replay it.")
    String to;

    @ArgGroup(exclusive = true)
    Pace pace = new Pace();

    @Option(names = "--seconds", defaultValue = "0", paramLabel = "S", description = "Stop after S seconds.")
    long seconds;

    @Option(names = "--count", defaultValue = "0", paramLabel = "N", description = "Stop after N messages.")
    long count;

    /** --rate or --speed, not both. */
    static final class Pace
    {
        @Option(names = "--rate", paramLabel = "N", description = "N messages a second.")
        long rate;

        @Option(names = "--speed", paramLabel = "X", description = "X times the recorded pace (0.5 is half).")
        double speed;
    }

    @Override
    public Integer call()
    {
        final String source = from.startsWith("journal:") ? JournalUris.withFrom(from, "start") : from;
        try (StopSignal stop = StopSignal.install(0);
            Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(source);
            Publisher publisher = ringline.addPublisher(to))
        {
            final ForwardLoop loop = new ForwardLoop(stop, seconds, count);
            final Replayer replayer = pace.rate != 0 ? Replayer.atRate(subscriber, publisher, pace.rate, stop::isRunning) :
                pace.speed != 0 ? Replayer.atSpeed(subscriber, publisher, pace.speed, stop::isRunning) :
                Replayer.unpaced(subscriber, publisher, stop::isRunning);
            while (loop.goesOn(replayer.messages()))
            {
                replayer.replay(loop.batch(replayer.messages()), loop.waitNs());
            }
            // Printed before the channels close, so a stop by SIGTERM prints it too.
            System.out.println("replayed " + replayer.messages() + " messages from " + from + " to " + to);
        }
        return RinglineCli.EXIT_OK;
    }
}
