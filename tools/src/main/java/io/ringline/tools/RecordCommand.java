package io.ringline.tools;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.journal.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code ringline record --from URI --to journal:DIR}: subscribes to a live channel and writes each whole message,
 * with its type, to a journal ({@link Recorder}), until SIGTERM/SIGINT, {@code --seconds} or {@code --count}.
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
        "Records a live channel into a journal.",
        "",
        "Subscribes to --from (any transport; a ring channel from now) and appends each message, with its type, to " +
        "--to (a journal: channel, or any channel). Back-pressure and a full file system are waited out, never " +
        "dropped. Runs until Ctrl-C/SIGTERM, --seconds or --count, then prints how many messages it recorded." },
    footer = {
        "",
        "Examples:",
        "  ringline record --from shm:orders --to journal:/var/lib/app/orders",
        "  ringline record --from unix:/tmp/quotes.sock --to journal:/tmp/quotes --seconds 60" })
final class RecordCommand implements Callable<Integer>
{
    @Option(names = "--from", required = true, paramLabel = "URI", description = "The live channel.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "journal:DIR", description = "Where to record it.")
    String to;

    @Option(names = "--seconds", defaultValue = "0", paramLabel = "S", description = "Stop after S seconds.")
    long seconds;

    @Option(names = "--count", defaultValue = "0", paramLabel = "N", description = "Stop after N messages.")
    long count;

    @Override
    public Integer call()
    {
        try (StopSignal stop = StopSignal.install(0);
            Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(from);
            Publisher publisher = ringline.addPublisher(to))
        {
            final ForwardLoop loop = new ForwardLoop(stop, seconds, count);
            final Recorder recorder = new Recorder(subscriber, publisher, stop::isRunning);
            while (loop.goesOn(recorder.messages()))
            {
                recorder.record(loop.batch(recorder.messages()), loop.waitNs());
            }
            // Printed before the channels close, so a stop by SIGTERM prints it too.
            System.out.println("recorded " + recorder.messages() + " messages from " + from + " to " + to);
        }
        return RinglineCli.EXIT_OK;
    }
}
