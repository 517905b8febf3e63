package io.ringline.tools;

import io.ringline.bridge.BridgeMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
        "  host A: ringline bridge --from shm:orders --to 'aeron:udp?endpoint=10.0.0.2:40456'",
        "  host B: ringline bridge --from 'aeron:udp?endpoint=10.0.0.2:40456' --to shm:orders" })
public final class BridgeCommand implements Callable<Integer>
{
    @Option(names = "--from", required = true, description = "Channel read.")
    String from;

    @Option(names = "--to", required = true, description = "Channel written.")
    String to;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after this long (default 0: on a signal).")
    long seconds;

    @Override
    public Integer call()
    {
        BridgeMain.run(from, to, seconds);
        return 0;
    }
}
