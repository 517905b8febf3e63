package io.ringline.tools;

import io.ringline.transport.aeron.StandaloneDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code ringline driver}: a standalone Aeron media driver for the {@code aeron:} channels of this host
 * ({@link StandaloneDriver}).
 */
@Command(
    name = "driver",
    mixinStandardHelpOptions = true,
    description = {
        "Run a standalone Aeron media driver for aeron: channels until SIGTERM/SIGINT or --seconds.",
        "Processes find it through -Daeron.dir (Aeron's default directory otherwise).",
        "On a 2-core box: --threading shared --idle backoff (the default) leaves the cores to the applications;",
        "--threading dedicated --idle spin needs three spare cores. See docs/scale-out.md." })
public final class DriverCommand implements Callable<Integer>
{
    @Option(names = "--dir", description = "Aeron directory (default: aeron.dir, else Aeron's default).")
    String dir;

    @Option(names = "--threading", defaultValue = "shared", description = "shared or dedicated (default: shared).")
    String threading;

    @Option(names = "--idle", defaultValue = "backoff", description = "spin, yield or backoff (default: backoff).")
    String idle;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after this long (default 0: on a signal).")
    long seconds;

    @Override
    public Integer call() throws InterruptedException
    {
        StandaloneDriver.run(dir, threading, idle, seconds);
        return 0;
    }
}
