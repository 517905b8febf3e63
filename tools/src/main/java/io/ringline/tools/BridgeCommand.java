package io.ringline.tools;

import io.ringline.bridge.BridgeMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ringline bridge}: forwards one channel to another ({@link io.ringline.bridge.Bridge}).
 */
@Command(
    name = "bridge",
    mixinStandardHelpOptions = true,
    description = {
        "Forward every message of one channel to another, keeping type, order and length, until SIGTERM/SIGINT or",
        "--seconds. An aeron: side carries the bridge's sequence; every gap is printed (gap event=...).",
        "With --state FILE a sending bridge keeps its epoch, sequence and source position there, and a restart resumes",
        "them: the receiver then counts exactly what the killed run had sent and never delivered.",
        "  host A: ringline bridge --from shm:orders --to 'aeron:udp?endpoint=10.0.0.2:40456' --state /var/lib/b.state",
        "  host B: ringline bridge --from 'aeron:udp?endpoint=10.0.0.2:40456' --to shm:orders" })
public final class BridgeCommand implements Callable<Integer>
{
    @Option(names = "--from", required = true, description = "Channel read.")
    String from;

    @Option(names = "--to", required = true, description = "Channel written.")
    String to;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after this long (default 0: on a signal).")
    long seconds;

    @Option(names = "--state", paramLabel = "FILE",
        description = "A sending bridge's state file (epoch, sequence, source position), created when missing.")
    Path state;

    @Override
    public Integer call()
    {
        BridgeMain.run(from, to, seconds, state);
        return 0;
    }
}
