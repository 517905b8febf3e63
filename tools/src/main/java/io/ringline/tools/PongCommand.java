package io.ringline.tools;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.tools.latency.Placement;
import io.ringline.tools.latency.ReceiveWait;
import io.ringline.reqrep.ReplyChannels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ringline pong --channel URI}: echoes every message back on the reply channel, for {@code ringline ping} in
 * another process.
 */
@Command(
    name = "pong",
    mixinStandardHelpOptions = true,
    description = {
        "Echoes every message back, for `ringline ping` in another process.",
        "",
        "Echoes every message of --channel back on the reply channel, same bytes and type, until Ctrl-C or SIGTERM.",
        "The reply channel is --reply, or derived from --channel as `ringline ping` derives it (docs/tools.md): " +
        "shm:x -> shm:x-pong, a path + \"-pong\", a System V key + 1, a TCP/UDP port + 1.",
        "On a ring channel it busy-spins unless the URI names a wait= mode; on two or more CPUs its thread runs on " +
        "the second CPU this process may use (--cpu N to choose, --no-pin to leave it to the scheduler), away from " +
        "a ping placed by default. It prints one line saying so, then echoes." },
    footer = {
        "",
        "Examples:",
        "  ringline pong --channel shm:rtt                 (then: ringline ping --channel shm:rtt)",
        "  ringline pong --channel tcp://127.0.0.1:7000    (replies on tcp://127.0.0.1:7001)",
        "  ringline pong --channel 'shm:rtt?wait=futex' --reply 'shm:back?wait=futex' --cpu 0" })
final class PongCommand implements Callable<Integer>
{
    @Option(names = "--channel", required = true, paramLabel = "URI", description = "The channel pings arrive on.")
    String channel;

    @Option(names = "--reply", paramLabel = "URI", description = "The channel echoes go back on (default: derived).")
    String reply;

    @picocli.CommandLine.Mixin
    CpuOptions cpus;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--parent-pid", hidden = true, defaultValue = "0", description = "Exit when this process exits.")
    long parentPid;

    @Override
    public Integer call()
    {
        final String replyChannel = null != reply ? reply : ReplyChannels.derive(channel);
        final Placement placement = cpus.resolveAlone(spec);
        try (StopSignal stop = StopSignal.install(parentPid);
            Ringline ringline = Ringline.connect();
            Subscriber pings = ringline.addSubscriber(ReceiveWait.subscriberUri(channel));
            Publisher echoes = ringline.addExclusivePublisher(replyChannel))
        {
            placement.pinThisThread();
            System.out.println("pong " + channel + " -> " + replyChannel + ": wait=" + ReceiveWait.mode(channel) +
                (placement.cpu() >= 0 ? ", on CPU " + placement.cpu() : ", not pinned"));
            System.out.flush();
            final MessageHandler echo = (buffer, offset, length, header) ->
            {
                long result;
                while ((result = echoes.offer(buffer, offset, length, header.type())) < 0 && stop.isRunning())
                {
                    if (result == Publisher.CLOSED)
                    {
                        throw new RinglineException("channel=" + replyChannel + " closed under pong");
                    }
                    Thread.onSpinWait();
                }
            };
            while (stop.isRunning() && !pings.isEndOfStream())
            {
                pings.receive(echo, 16, TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        return RinglineCli.EXIT_OK;
    }
}
